using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Workers;

/// <summary>
/// At start, parses again the reports a crash left unfinished and updates the cases from those not yet observed; afterwards makes and delivers warnings whenever
/// uploads have added directives, one run at a time.
/// </summary>
internal sealed partial class PipelineWorker(HeraldRuntime runtime, PendingWarnings pending, ILogger<PipelineWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await RunAsync(ResumeAsync, stoppingToken);
        while (await pending.WaitAsync(stoppingToken))
        {
            pending.Take();
            await RunAsync(NotifyAsync, stoppingToken);
        }
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await using (var db = runtime.Database.Open())
            if (!await db.Reports.AnyAsync(r => r.Status == ReportStatus.Received || r.CasesObservedAt == null, cancellationToken)) return;
        var summary = await runtime.CreateProcessor().ResumeAsync(cancellationToken);
        foreach (var report in summary.Reports) LogResumed(logger, report.ReportId, report.FileName, report.Events, report.Rejections);
        LogWarnings(logger, summary.WarningsCreated, summary.WarningsWritten);
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        var (created, written) = await runtime.CreateProcessor().NotifyAsync(cancellationToken);
        LogWarnings(logger, created, written);
    }

    // A failed run is logged and retried at the next start or nudge; it must not stop the web application.
    private async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException or DbUpdateException or UserException)
        {
            LogFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Resumed report {ReportId} ({File}): {Events} events, {Rejections} rejections")]
    private static partial void LogResumed(ILogger logger, long reportId, string file, long events, long rejections);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Warnings: {Created} created, {Written} written")]
    private static partial void LogWarnings(ILogger logger, int created, int written);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Pipeline run failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

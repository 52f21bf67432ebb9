using Herald.Pipeline;

namespace Herald.Web.Workers;

/// <summary>
/// Processes report files dropped into <c>&lt;data&gt;/inbox</c>. A file is taken only when it has not
/// changed for a few seconds (so half-copied files wait), then moved to <c>processed/</c> or <c>failed/</c>.
/// </summary>
internal sealed partial class InboxWorker(HeraldRuntime runtime, ILogger<InboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inbox = runtime.Options.InboxDirectory;
        Directory.CreateDirectory(inbox);
        LogWatching(logger, inbox);
        using var timer = new PeriodicTimer(Poll, runtime.Time);
        do
        {
            foreach (var file in Directory.EnumerateFiles(inbox).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                if (runtime.Time.GetUtcNow() - File.GetLastWriteTimeUtc(file) < Settle) continue;
                await ProcessOneAsync(file, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ProcessOneAsync(string file, CancellationToken cancellationToken)
    {
        string outcome;
        try
        {
            ProcessSummary summary = await runtime.CreateProcessor().ProcessFileAsync(file, null, "inbox", null, cancellationToken);
            LogProcessed(logger, file, summary.Events, summary.Rejections, summary.WarningsWritten);
            outcome = "processed";
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException)
        {
            LogFailed(logger, file, ex.Message);
            outcome = "failed";
        }
        var target = Path.Combine(runtime.Options.InboxDirectory, outcome);
        Directory.CreateDirectory(target);
        File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Watching {Inbox} for reports")]
    private static partial void LogWatching(ILogger logger, string inbox);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Processed {File}: {Events} events, {Rejections} rejections, {Warnings} warnings written")]
    private static partial void LogProcessed(ILogger logger, string file, long events, long rejections, int warnings);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Could not process {File}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string file, string reason);
}

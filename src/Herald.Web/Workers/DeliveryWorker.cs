namespace Herald.Web.Workers;

/// <summary>Sends what the outbox holds every few seconds: retries become due, new warnings arrive from the inbox.</summary>
internal sealed partial class DeliveryWorker(HeraldRuntime runtime, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll, runtime.Time);
        do
        {
            try
            {
                var run = await runtime.Outbox.DeliverDueAsync(stoppingToken);
                if (run.Tried > 0) LogRun(logger, run.Delivered, run.Retrying, run.Failed);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                LogFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Outbox: {Delivered} delivered, {Retrying} to try again, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int delivered, int retrying, int failed);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Outbox run failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

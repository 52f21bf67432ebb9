namespace Herald.Web.Workers;

/// <summary>Every few seconds: writes due reminders and escalations, sends what the outbox holds (retries become due, new warnings arrive) and reads the bounce mailbox.</summary>
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
                await using (var db = runtime.Database.Open())
                {
                    var (reminders, escalations) = await runtime.FollowUps.CreateDueAsync(db, stoppingToken);
                    if (reminders + escalations > 0) LogFollowUps(logger, reminders, escalations);
                }
                var run = await runtime.Outbox.DeliverDueAsync(stoppingToken);
                if (run.Tried > 0) LogRun(logger, run.Delivered, run.Retrying, run.Failed);
                if (runtime.Mailbox is { } mailbox && await mailbox.ReadAsync(stoppingToken) is var read and > 0) LogMailbox(logger, read);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or MailKit.ProtocolException or MailKit.CommandException
                                           or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException)
            {
                LogFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Outbox: {Delivered} delivered, {Retrying} to try again, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int delivered, int retrying, int failed);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Bounce mailbox: {Count} new message(s) handled")]
    private static partial void LogMailbox(ILogger logger, int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Cases: {Reminders} reminder(s), {Escalations} escalation(s) written")]
    private static partial void LogFollowUps(ILogger logger, int reminders, int escalations);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Outbox run failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

using Herald.Collect;

namespace Herald.Web.Workers.Collectors;

/// <summary>
/// Runs the collectors of <c>&lt;data&gt;/collectors.yaml</c> (without one: the watched folder <c>&lt;data&gt;/inbox</c>)
/// on their intervals. An invalid collectors.yaml stops the start with its problems; a failing collector is
/// logged (without secrets) and recorded, and the others carry on.
/// </summary>
internal sealed partial class CollectorsWorker(HeraldRuntime runtime, ILogger<CollectorsWorker> logger) : BackgroundService
{
    private CollectorsConfiguration? _configuration;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _configuration = CollectorsConfiguration.Load(runtime.Options.DataDirectory);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configuration = _configuration!;
        using var http = CollectorFactory.CreateHttpClient();
        var schedule = new CollectorSchedule(CollectorFactory.For(runtime, configuration.Limits, http),
            new CollectorRunner(runtime.Database, runtime.Time), runtime.Time);
        foreach (var collector in configuration.Collectors) LogStarting(logger, collector.Name, collector.Kind, collector.Interval);
        await schedule.RunAsync(configuration.Collectors, Log, stoppingToken);
    }

    private void Log(CollectorOutcome outcome)
    {
        if (outcome.Run is { } run && run.Deliveries.Count > 0)
            LogCollected(logger, outcome.Collector, run.Succeeded, run.Failed);
        if (outcome.Error is { } error) LogFailed(logger, outcome.Collector, error);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Collector {Collector} ({Kind}) runs every {Interval}")]
    private static partial void LogStarting(ILogger logger, string collector, CollectorKind kind, TimeSpan interval);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Collector {Collector}: {Succeeded} deliveries taken in, {Failed} failed")]
    private static partial void LogCollected(ILogger logger, string collector, int succeeded, int failed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Collector {Collector} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string collector, string reason);
}

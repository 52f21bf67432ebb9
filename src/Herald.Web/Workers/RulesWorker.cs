using Herald.Decide.Rules;

namespace Herald.Web.Workers;

/// <summary>Watches <c>&lt;data&gt;/rules</c>: a new valid version goes into force, a broken file is logged and the rules in force stay.</summary>
internal sealed partial class RulesWorker(HeraldRuntime runtime, ILogger<RulesWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(runtime.Options.Decision.ReloadInterval, runtime.Time);
        do
        {
            var reload = await runtime.Rules.ReloadAsync("rules-watcher", stoppingToken);
            switch (reload.Status)
            {
                case RuleReloadStatus.Loaded: LogLoaded(logger, reload.Current!.Version, reload.Current.Count); break;
                case RuleReloadStatus.Rejected: LogRejected(logger, reload.Current?.Version ?? "none", string.Join("; ", reload.Problems)); break;
                case RuleReloadStatus.Unchanged: break;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Rule set {Version} in force ({Count} rules)")]
    private static partial void LogLoaded(ILogger logger, string version, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Rule files rejected, {Version} stays in force: {Problems}")]
    private static partial void LogRejected(ILogger logger, string version, string problems);
}

namespace Herald.Collect;

/// <summary>
/// Runs collectors, each on its own interval and independently of the others: a collector that fails (or cannot
/// even be created) is reported and, when it could be created, tried again at its next interval.
/// </summary>
public sealed class CollectorSchedule(CollectorFactory factory, CollectorRunner runner, TimeProvider time)
{
    /// <summary>Runs every collector once, one after another.</summary>
    public async Task<IReadOnlyList<CollectorOutcome>> RunOnceAsync(IEnumerable<CollectorDefinition> collectors, CancellationToken cancellationToken)
    {
        var outcomes = new List<CollectorOutcome>();
        foreach (var definition in collectors)
            outcomes.Add(Create(definition, out var collector) is { } failed ? failed : await runner.RunAsync(collector!, cancellationToken));
        return outcomes;
    }

    /// <summary>Runs every collector now and then at its interval until cancelled; <paramref name="report"/> hears every outcome.</summary>
    public Task RunAsync(IEnumerable<CollectorDefinition> collectors, Action<CollectorOutcome> report, CancellationToken cancellationToken) =>
        Task.WhenAll(collectors.Select(definition => LoopAsync(definition, report, cancellationToken)));

    private async Task LoopAsync(CollectorDefinition definition, Action<CollectorOutcome> report, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Create(definition, out var collector) is { } failed)
        {
            report(failed);
            return;
        }
        using var timer = new PeriodicTimer(definition.Interval, time);
        try
        {
            do report(await runner.RunAsync(collector!, cancellationToken));
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private CollectorOutcome? Create(CollectorDefinition definition, out ICollector? collector)
    {
        try
        {
            collector = factory.Create(definition);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            collector = null;
            return new CollectorOutcome(definition.Name, null, CollectorRunner.Redact(ex.Message, definition.Settings));
        }
    }
}

namespace Herald.Collect;

/// <summary>One run of one collector as the host sees it: what it took in, or why it failed (secrets removed).</summary>
public sealed record CollectorOutcome(string Collector, CollectorRun? Run, string? Error)
{
    public bool Succeeded => Error is null;
}

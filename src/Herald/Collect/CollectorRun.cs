namespace Herald.Collect;

/// <summary>What one run of a collector took in: one <see cref="IntakeResult"/> per delivery (file, e-mail, download).</summary>
public sealed record CollectorRun(IReadOnlyList<IntakeResult> Deliveries)
{
    public static readonly CollectorRun Nothing = new([]);

    public int Succeeded => Deliveries.Count(d => d.Succeeded);

    public int Failed => Deliveries.Count(d => !d.Succeeded);

    /// <summary>The reasons of every failed delivery, one line each.</summary>
    public string Errors => string.Join(Environment.NewLine, Deliveries.Where(d => !d.Succeeded).Select(d => d.Errors));
}

namespace Herald.Collect;

/// <summary>Fetches what is new from one place and hands every delivery to the <see cref="ReportIntake"/>.</summary>
public interface ICollector
{
    CollectorDefinition Definition { get; }

    /// <summary>One run: what was found and what became of it. Throws when the place cannot be reached at all.</summary>
    Task<CollectorRun> RunAsync(CancellationToken cancellationToken);
}

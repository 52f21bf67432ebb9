namespace Herald.Collect;

/// <summary>What a collector remembers between runs: when it last ran, its last error, and the HTTP validators of its URL.</summary>
public sealed class CollectorState
{
    public required string Name { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>The reason the last run failed (secrets removed), or null when it succeeded.</summary>
    public string? LastError { get; set; }

    public string? ETag { get; set; }
    public string? LastModified { get; set; }
}

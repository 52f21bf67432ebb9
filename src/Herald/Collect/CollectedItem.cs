namespace Herald.Collect;

/// <summary>Something a collector fetched from a remote source (a Shadowserver report id), so it is not fetched again.</summary>
public sealed class CollectedItem
{
    public long Id { get; set; }
    public required string Collector { get; set; }
    public required string ExternalId { get; set; }
    public string? FileName { get; set; }
    public DateTimeOffset CollectedAt { get; set; }
}

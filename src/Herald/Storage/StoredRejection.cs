namespace Herald.Storage;

/// <summary>A quarantined part of a report: its line, its raw text and why it was not an event.</summary>
public sealed class StoredRejection
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public long Line { get; set; }
    public required string Raw { get; set; }
    public required string Reason { get; set; }
}

namespace Herald.Storage;

/// <summary>One delivery of raw data from a source; its bytes are kept as received by <c>ReportStore</c>.</summary>
public sealed class Report
{
    public long Id { get; set; }
    public required string SourceName { get; set; }
    public required string FileName { get; set; }
    public string? ReportType { get; set; }

    /// <summary>SHA-256 of the content, hex; the same content is one report, whoever sends it.</summary>
    public required string ContentHash { get; set; }

    public long Size { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public ReportStatus Status { get; set; }
    public DateTimeOffset? ParsedAt { get; set; }
    public int EventCount { get; set; }
    public int RejectionCount { get; set; }

    /// <summary>When its cases were updated from it (<c>CaseTracker</c>); null while that is still to do, after a crash too.</summary>
    public DateTimeOffset? CasesObservedAt { get; set; }
}

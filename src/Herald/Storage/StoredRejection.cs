namespace Herald.Storage;

/// <summary>A quarantined part of a report: its line, its raw text and why it was not an event.</summary>
public sealed class StoredRejection
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public long Line { get; set; }
    public required string Raw { get; set; }
    public required string Reason { get; set; }

    /// <summary>The line as an analyst corrected it, waiting to be resubmitted.</summary>
    public string? Correction { get; set; }

    public string? CorrectedBy { get; set; }
    public DateTimeOffset? CorrectedAt { get; set; }

    /// <summary>Who resubmitted the correction that became an event, and when; null while the row is still quarantined.</summary>
    public string? ResolvedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The event the corrected line became.</summary>
    public long? EventId { get; set; }
}

namespace Herald.Decide;

/// <summary>What the decision knows about the report an event came from.</summary>
/// <param name="SourceReliability">Admiralty-style A (completely reliable) to F (cannot be judged).</param>
public sealed record ReportContext(string? ReportType, string SourceName, char SourceReliability, DateTimeOffset ReceivedAt)
{
    /// <summary>A report of unknown origin: reliability F.</summary>
    public static ReportContext Unknown(string? reportType, DateTimeOffset receivedAt) => new(reportType, "unknown", 'F', receivedAt);
}

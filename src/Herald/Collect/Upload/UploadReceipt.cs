namespace Herald.Collect.Upload;

/// <summary>What an accepted upload became: the report, its rows, and how many events fall inside the constituency.</summary>
/// <param name="AlreadyReceived">True when the same content had been received before (from any source); nothing new was stored.</param>
/// <param name="RejectedTruncated">True when more rows were rejected than the receipt lists.</param>
public sealed record UploadReceipt(
    long ReportId,
    string FileName,
    string Sha256,
    string? ReportType,
    bool AlreadyReceived,
    long RowsAccepted,
    long RowsRejected,
    long InsideConstituency,
    IReadOnlyList<RejectedRow> Rejected,
    bool RejectedTruncated);

namespace Herald.Collect;

/// <summary>One report file of a delivery and what became of it.</summary>
public sealed record IntakeItem(string FileName, IntakeStatus Status, long? ReportId, long Events, long Rejections, string? Error);

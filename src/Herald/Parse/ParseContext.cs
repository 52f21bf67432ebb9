namespace Herald.Parse;

/// <summary>What a parser knows about the report it reads.</summary>
/// <param name="ReportType">The report type given by the user, or null to take it from the file name.</param>
public sealed record ParseContext(string FileName, string? ReportType, DateTimeOffset ReceivedAt);

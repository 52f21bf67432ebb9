using Herald.Decide;

namespace Herald.Pipeline;

/// <summary>What processing one report did, for the CLI's table and the audit log.</summary>
public sealed record ProcessSummary(
    long ReportId,
    string FileName,
    string? ReportType,
    bool AlreadyProcessed,
    long Rows,
    long Events,
    long Rejections,
    IReadOnlyDictionary<Route, long> Routes,
    int WarningsCreated,
    int WarningsWritten);

namespace Herald.Pipeline;

/// <summary>What resuming did: the unfinished reports parsed again, and the warnings made and delivered afterwards.</summary>
public sealed record ResumeSummary(IReadOnlyList<ProcessSummary> Reports, int WarningsCreated, int WarningsWritten);

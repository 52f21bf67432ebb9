namespace Herald.Collect.Upload;

/// <summary>A row of an upload that did not become an event, and why.</summary>
public sealed record RejectedRow(long Line, string Reason);

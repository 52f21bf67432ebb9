namespace Herald.Parse;

/// <summary>A part of a report that could not become an event, kept with its line and the reason.</summary>
public sealed record Rejection(long Line, string Raw, string Reason);

namespace Herald.Enrich;

/// <summary>An autonomous system: number and name.</summary>
public sealed record AsInfo(long Number, string Name);

namespace Herald.Decide.Suppress;

/// <summary>What deciding added to one sighting since its counts were last stored.</summary>
/// <param name="LastWarnedAt">When it was last warned about in these counts; null when it was not.</param>
public sealed record SightingChange(SightingKey Key, DateTimeOffset SeenAt, DateTimeOffset? LastWarnedAt, int Warned, int Suppressed, string? LastSuppression);

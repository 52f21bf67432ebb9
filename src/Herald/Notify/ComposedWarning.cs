namespace Herald.Notify;

/// <summary>A rendered warning: subject, plain-text body and, with many assets, a CSV of them all.</summary>
public sealed record ComposedWarning(string Subject, string Body, string? AssetsCsv);

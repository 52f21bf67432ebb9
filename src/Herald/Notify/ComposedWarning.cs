namespace Herald.Notify;

/// <summary>A rendered warning: subject, plain-text and HTML body in the chosen languages and, with many assets, a CSV of them all.</summary>
public sealed record ComposedWarning(string Subject, string Text, string Html, string? AssetsCsv, IReadOnlyList<string> Languages);

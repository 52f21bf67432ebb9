namespace Herald.Collect.Upload;

/// <summary>What an operator sets for a source; null leaves a setting as it is (or at its default for a new source).</summary>
public sealed record SourceSettings
{
    public string? Format { get; init; }
    public string? ReportType { get; init; }
    public string? Reliability { get; init; }
    public IReadOnlyList<string>? RequiredFields { get; init; }
    public TimeSpan? MaxAge { get; init; }
    public double? MinConstituencyShare { get; init; }
}

namespace Herald.Collect.Upload;

/// <summary>What an operator sets for a source; null leaves a setting as it is (or at its default for a new source).</summary>
public sealed record SourceSettings
{
    public string? Format { get; init; }

    /// <summary>A column mapping's YAML (docs/mapping-format.md); sets the format to <c>mapped</c>.</summary>
    public string? Mapping { get; init; }
    public string? ReportType { get; init; }
    public string? Reliability { get; init; }
    public IReadOnlyList<string>? RequiredFields { get; init; }
    public TimeSpan? MaxAge { get; init; }
    public double? MinConstituencyShare { get; init; }
}

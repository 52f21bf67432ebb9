namespace Herald.Parse;

/// <summary>How one Shadowserver report type maps to events, as the published schema describes it.</summary>
public sealed record ReportMapping(
    string Name,
    string FeedName,
    string FileName,
    IReadOnlyList<FieldMapping> Required,
    IReadOnlyList<FieldMapping> Optional,
    IReadOnlyDictionary<string, string> Constants);

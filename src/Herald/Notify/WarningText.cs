namespace Herald.Notify;

/// <summary>The starter text for one kind of issue, in Dutch and English.</summary>
public sealed record WarningText(string Key, IReadOnlyDictionary<string, string> Sections)
{
    public string Get(string section, string language) =>
        Sections.TryGetValue($"{section}.{language}", out var text) ? text : "";
}

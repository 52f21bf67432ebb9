namespace Herald.Parse.Mapping;

/// <summary>A partner's data format described declaratively: how its columns or JSON properties become Herald events.</summary>
/// <param name="Name">The mapping's name (the feed name unless a constant sets feed.name).</param>
/// <param name="Text">The YAML it was loaded from, kept with the report so quarantined rows can be read again the same way.</param>
public sealed record ColumnMapping(
    string Name,
    MappingFormat Format,
    char Delimiter,
    IReadOnlyList<MappedField> Fields,
    IReadOnlyDictionary<string, string> Constants,
    bool KeepUnmapped,
    string Text);

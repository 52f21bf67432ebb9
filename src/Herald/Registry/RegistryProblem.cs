namespace Herald.Registry;

/// <summary>A registry record or column that was not imported, with where it is and why.</summary>
/// <param name="Source">The file name, or the name the caller gave a stream.</param>
/// <param name="Line">The line in a CSV file (the header is line 1); null for JSON.</param>
/// <param name="Index">The position in a JSON array (from 0); null for CSV.</param>
public sealed record RegistryProblem(string Source, RegistryTable Table, long? Line, int? Index, string Reason)
{
    public override string ToString() =>
        Line is { } line ? $"{Source} line {line}: {Reason}"
        : Index is { } index ? $"{Source} {RegistryJson.SectionName(Table)}[{index}]: {Reason}"
        : $"{Source}: {Reason}";
}

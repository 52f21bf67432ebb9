namespace Herald.Parse.Mapping;

/// <summary>The shapes of partner data a column mapping reads.</summary>
public enum MappingFormat
{
    /// <summary>CSV with a header line; sources are column names.</summary>
    Csv,

    /// <summary>One JSON object per line; sources are property paths.</summary>
    JsonLines,

    /// <summary>One JSON array of objects; sources are property paths, records are numbered from 1.</summary>
    JsonArray,
}

namespace Herald.Parse;

/// <summary>How much of a hostile report the parsers accept before they reject a line or the report.</summary>
/// <remarks>
/// Each limit met gives a rejection with the line and the limit, never an exception or unbounded memory.
/// The defaults are far above what real reports need (Shadowserver lines are a few kilobytes).
/// </remarks>
public sealed record ParseLimits
{
    /// <summary>The defaults.</summary>
    public static ParseLimits Default { get; } = new();

    /// <summary>The longest line in bytes; a longer one is skipped without being buffered and rejected with its number.</summary>
    public int MaxLineBytes { get; init; } = 1 << 20;

    /// <summary>The deepest nesting of objects and arrays in any JSON the parsers read.</summary>
    public int MaxJsonDepth { get; init; } = 32;

    /// <summary>The most columns in a CSV row, or properties in one JSON record.</summary>
    public int MaxFields { get; init; } = 2048;

    /// <summary>The largest JSON document read whole (an X-ARF report, a JSON array of records); JSON lines have no such limit.</summary>
    public long MaxDocumentBytes { get; init; } = 32L << 20;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (MaxLineBytes < 256) yield return ("ParseLimits:MaxLineBytes", $"must be at least 256 (is {MaxLineBytes})");
        if (MaxJsonDepth < 2) yield return ("ParseLimits:MaxJsonDepth", $"must be at least 2 (is {MaxJsonDepth})");
        if (MaxFields < 1) yield return ("ParseLimits:MaxFields", $"must be at least 1 (is {MaxFields})");
        if (MaxDocumentBytes < MaxLineBytes) yield return ("ParseLimits:MaxDocumentBytes", "must be at least ParseLimits:MaxLineBytes");
    }
}

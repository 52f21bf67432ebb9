namespace Herald.Decide;

/// <summary>Settings of the first decision step.</summary>
public sealed record DecisionOptions
{
    /// <summary>Country codes of the constituency; events elsewhere are discarded.</summary>
    public IReadOnlySet<string> Constituency { get; init; } = new HashSet<string>(["NL"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The partner code of the national CSIRT, which warns vital organisations.</summary>
    public string NationalCsirtCode { get; init; } = "ncsc";
}

namespace Herald.Decide;

/// <summary>Settings of the decision step; the rules themselves live in rule files.</summary>
public sealed record DecisionOptions
{
    /// <summary>
    /// Country codes of the service's constituency, for checks outside the rules (an upload's share inside the
    /// constituency). The rules state the constituency for deciding themselves.
    /// </summary>
    public IReadOnlySet<string> Constituency { get; init; } = new HashSet<string>(["NL"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The partner code of the national CSIRT, which warns vital organisations.</summary>
    public string NationalCsirtCode { get; init; } = "ncsc";

    /// <summary>CISA's KEV catalogue (JSON); when set, rules can test <c>cve: {kev: true}</c> (<c>HERALD_KEV</c>).</summary>
    public string? KevPath { get; init; }

    /// <summary>
    /// The routes the rule set's <c>recipient-limit</c> holds back (deferred and aggregated into the next message);
    /// a route not listed is never deferred. All deliverable routes by default.
    /// </summary>
    public IReadOnlySet<Route> RecipientLimitRoutes { get; init; } =
        new HashSet<Route>([Route.Direct, Route.NationalCsirt, Route.Partner, Route.NetworkOwner]);

    /// <summary>How often the rule files are checked for changes when watched.</summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(5);

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        foreach (var code in Constituency)
            if (code.Length != 2 || !code.All(char.IsAsciiLetter)) yield return ("Decision:Constituency", $"'{code}' is not a two-letter country code");
        if (string.IsNullOrWhiteSpace(NationalCsirtCode)) yield return ("Decision:NationalCsirtCode", "must not be empty");
        if (KevPath is { } kev && !File.Exists(kev)) yield return ("Decision:KevPath", $"{kev} does not exist");
        if (ReloadInterval <= TimeSpan.Zero) yield return ("Decision:ReloadInterval", "must be positive");
    }
}

namespace Herald.Decide.Rules;

/// <summary>What a dry run would do, counted per route, recipient and deciding rule, with an example of the reasons.</summary>
public sealed class DryRunSummary
{
    private readonly Dictionary<(Route Route, Route? Proposed, string? Recipient, string Rule), Row> _rows = [];
    private readonly Dictionary<string, long> _fired = new(StringComparer.Ordinal);

    public long Events { get; private set; }

    /// <summary>One line of the summary.</summary>
    public sealed record Row(Route Route, Route? ProposedRoute, string? Recipient, string Rule, IReadOnlyList<string> ExampleReasons)
    {
        public long Count { get; set; }
    }

    public IEnumerable<Row> Rows => _rows.Values.OrderBy(r => r.Route).ThenByDescending(r => r.Count);

    /// <summary>How often each rule fired.</summary>
    public IReadOnlyDictionary<string, long> Fired => _fired;

    public void Add(Directive d)
    {
        Events++;
        var rule = d.FiredRules.Count > 0 ? d.FiredRules[^1] : "(none)";
        var key = (d.Route, d.ProposedRoute, d.RecipientEmail, rule);
        if (!_rows.TryGetValue(key, out var row)) _rows[key] = row = new Row(d.Route, d.ProposedRoute, d.RecipientEmail, rule, d.Reasons);
        row.Count++;
        foreach (var id in d.FiredRules) _fired[id] = _fired.GetValueOrDefault(id) + 1;
    }
}

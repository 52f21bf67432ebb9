namespace Herald.Decide.Rules;

/// <summary>One compiled rule: its conditions as delegates (all must hold), its action and its reason.</summary>
internal sealed class Rule(string id, string? author, string file, int line, Func<DecisionFacts, bool>[] conditions,
    RuleAction action, Placeholders reason, bool usesSeenBefore)
{
    public string Id { get; } = id;

    /// <summary>Who wrote the rule: the four-eyes check refuses a review of what the author's own rule held.</summary>
    public string? Author { get; } = author;

    public string File { get; } = file;
    public int Line { get; } = line;
    public RuleAction Action { get; } = action;
    public Placeholders Reason { get; } = reason;

    /// <summary>True when a condition asks whether the same thing was warned about before: a suppression by it is a duplicate.</summary>
    public bool UsesSeenBefore { get; } = usesSeenBefore;

    public bool Matches(DecisionFacts facts)
    {
        foreach (var condition in conditions)
            if (!condition(facts)) return false;
        return true;
    }
}

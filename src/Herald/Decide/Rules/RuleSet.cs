namespace Herald.Decide.Rules;

/// <summary>
/// The assessment framework as compiled rules, in order. Rules that set attributes (severity, review, ...)
/// fire and go on; the first rule that routes or suppresses decides. Immutable: a reload makes a new one.
/// </summary>
public sealed class RuleSet
{
    internal RuleSet(IReadOnlyList<Rule> rules, RecipientLimit? recipientLimit, TimeSpan seenBeforeWindow, string hash,
        IReadOnlyList<RuleSource> sources, int sequence = 0)
    {
        Rules = rules;
        RecipientLimit = recipientLimit;
        SeenBeforeWindow = seenBeforeWindow;
        Hash = hash;
        Sources = sources;
        Sequence = sequence;
    }

    internal IReadOnlyList<Rule> Rules { get; }

    public RecipientLimit? RecipientLimit { get; }

    /// <summary>The longest "seen before" window any rule asks about: how far back sightings are loaded.</summary>
    public TimeSpan SeenBeforeWindow { get; }

    /// <summary>SHA-256 of the files' names and texts, hex.</summary>
    public string Hash { get; }

    public IReadOnlyList<RuleSource> Sources { get; }

    /// <summary>The revision number given when the rule set was first loaded into a database (0 when never stored).</summary>
    public int Sequence { get; }

    /// <summary>The version stored with every directive: <c>sequence:hash prefix</c>.</summary>
    public string Version => $"{Sequence}:{Hash[..12]}";

    public int Count => Rules.Count;

    public IEnumerable<string> RuleIds => Rules.Select(r => r.Id);

    internal RuleSet WithSequence(int sequence) => new(Rules, RecipientLimit, SeenBeforeWindow, Hash, Sources, sequence);

    internal Rule? FindRule(string id) => Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>Runs the rules over the facts; fired rules are added to <paramref name="fired"/>; returns the deciding rule, if any.</summary>
    internal Rule? Evaluate(DecisionFacts facts, List<Rule> fired)
    {
        var rules = Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (!rule.Matches(facts)) continue;
            fired.Add(rule);
            var a = rule.Action;
            if (a.Severity is { } severity) facts.Severity = severity;
            if (a.Template is { } template) facts.Template = template;
            if (a.AggregationKey is { } key) facts.AggregationKey = key;
            if (a.Interval is { } interval) facts.Interval = interval;
            if (a.Priority is { } priority) facts.Priority = priority;
            if (a.Review is { } review) facts.ReviewBy = review ? rule : null;
            if (a.Kind != RuleActionKind.Set) return rule;
        }
        return null;
    }
}

namespace Herald.Decide.Rules;

/// <summary>A rule's action: for <see cref="RuleActionKind.Route"/> the route, and the directive attributes it sets (null: unchanged).</summary>
internal sealed record RuleAction(RuleActionKind Kind, Route? Route)
{
    public Severity? Severity { get; init; }
    public string? Template { get; init; }
    public Placeholders? AggregationKey { get; init; }
    public TimeSpan? Interval { get; init; }
    public string? Priority { get; init; }
    public bool? Review { get; init; }
}

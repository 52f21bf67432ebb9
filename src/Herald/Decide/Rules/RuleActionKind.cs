namespace Herald.Decide.Rules;

/// <summary>What a rule does when it matches: set attributes and go on, choose a route, or suppress.</summary>
internal enum RuleActionKind
{
    Set,
    Route,
    Suppress,
}

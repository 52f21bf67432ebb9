namespace Herald.Decide.Rules;

/// <summary>The outcome of a reload: the status, the rule set in force afterwards, and the problems of a rejected file.</summary>
public sealed record RuleReload(RuleReloadStatus Status, RuleSet? Current, IReadOnlyList<RuleProblem> Problems);

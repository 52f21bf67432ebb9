namespace Herald.Decide.Rules;

/// <summary>A loaded rule set, or (when <see cref="Problems"/> is not empty) none.</summary>
public sealed record RuleLoadResult(RuleSet? RuleSet, IReadOnlyList<RuleProblem> Problems);

namespace Herald.Decide.Rules;

/// <summary>One case of a rule test suite: passed, or what differed; and the directive the rules made.</summary>
public sealed record RuleTestResult(string Name, IReadOnlyList<string> Failures, Directive? Directive)
{
    public bool Passed => Failures.Count == 0;
}

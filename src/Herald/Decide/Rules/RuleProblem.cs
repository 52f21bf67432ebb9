namespace Herald.Decide.Rules;

/// <summary>Something wrong in a rule file, where it is (line and column count from 1) and why.</summary>
public sealed record RuleProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

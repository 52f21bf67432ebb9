namespace Herald.Decide.Rules;

/// <summary>One rule file's name and text.</summary>
public sealed record RuleSource(string Name, string Text);

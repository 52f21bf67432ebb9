namespace Herald.SecurityTxt;

/// <summary>One finding about a security.txt file: a code as the Digital Trust Center's validator sectxt names it, its message and the 1-based line, or null for the whole file.</summary>
public sealed record SecurityTxtProblem(string Code, string Message, int? Line)
{
    public override string ToString() => Line is int line ? $"{Code} (line {line}): {Message}" : $"{Code}: {Message}";
}

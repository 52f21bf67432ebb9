namespace Herald.Notify;

/// <summary>One reason a template (or a rendered warning) may not be used, with the line it is on (1-based; 0 when it has none).</summary>
public sealed record LintFinding(string Template, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{Template}:{Line}: {Message}" : $"{Template}: {Message}";
}

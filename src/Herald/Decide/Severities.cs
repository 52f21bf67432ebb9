namespace Herald.Decide;

/// <summary>Severity names as reports and rule files write them (lower case; Shadowserver's levels).</summary>
public static class Severities
{
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = default;
        if (text is null) return false;
        switch (text.Trim().ToLowerInvariant())
        {
            case "info": severity = Severity.Info; return true;
            case "low": severity = Severity.Low; return true;
            case "medium": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            case "critical": severity = Severity.Critical; return true;
            default: return false;
        }
    }

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}

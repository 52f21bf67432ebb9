namespace Herald.Decide;

/// <summary>How serious an issue is, in Shadowserver's levels, in increasing order.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}

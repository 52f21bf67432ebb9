namespace Herald.Decide.Rules;

/// <summary>What a reload did.</summary>
public enum RuleReloadStatus
{
    /// <summary>A new version is in force.</summary>
    Loaded,

    /// <summary>The files did not change.</summary>
    Unchanged,

    /// <summary>The files have problems; the rule set in force (if any) stays.</summary>
    Rejected,
}

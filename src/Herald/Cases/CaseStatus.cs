namespace Herald.Cases;

public enum CaseStatus
{
    /// <summary>Warned; later reports may still show the asset.</summary>
    Open,

    /// <summary>Still affected after the first period: a reminder went out.</summary>
    Reminded,

    /// <summary>Still affected after the second period: escalated (to the network owner).</summary>
    Escalated,

    /// <summary>The asset was absent from enough later reports of the same type.</summary>
    Resolved,
}

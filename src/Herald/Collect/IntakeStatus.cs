namespace Herald.Collect;

/// <summary>What became of one report file a collector handed in.</summary>
public enum IntakeStatus
{
    /// <summary>Stored and processed now.</summary>
    Processed,

    /// <summary>The same content was stored and processed before (by any collector): nothing done twice.</summary>
    Duplicate,

    /// <summary>Refused or failed; <see cref="IntakeItem.Error"/> says why, <see cref="IntakeItem.ReportId"/> is set when it was stored.</summary>
    Failed,
}

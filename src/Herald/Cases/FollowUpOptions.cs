namespace Herald.Cases;

/// <summary>When an open case gets a reminder, when it escalates, and how many clean reports resolve it.</summary>
public sealed record FollowUpOptions
{
    /// <summary>From the warning to the reminder, while reports still show the asset.</summary>
    public TimeSpan ReminderAfter { get; init; } = TimeSpan.FromDays(14);

    /// <summary>From the reminder to the escalation (to the network owner).</summary>
    public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Later reports of the same type in a row without the asset that resolve the case.</summary>
    public int ResolveAfterCleanReports { get; init; } = 3;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (ReminderAfter <= TimeSpan.Zero) yield return ("FollowUp:ReminderAfter", "must be positive");
        if (EscalateAfter <= TimeSpan.Zero) yield return ("FollowUp:EscalateAfter", "must be positive");
        if (ResolveAfterCleanReports < 1) yield return ("FollowUp:ResolveAfterCleanReports", "must be at least 1");
    }
}

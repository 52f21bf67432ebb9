namespace Herald.Decide.Suppress;

/// <summary>
/// One organisation, asset and issue over time: when it was last warned about, and how often it was seen
/// again and held back (suppressed duplicates, inhibitions, limits), so that a case can show the count.
/// </summary>
public sealed class Sighting
{
    public long Id { get; set; }

    /// <summary><c>org:&lt;id&gt;</c> for a registered organisation, <c>as:&lt;number&gt;</c> without one.</summary>
    public required string OrganisationKey { get; set; }

    /// <summary>The address and port (or host name) the issue was seen on.</summary>
    public required string Asset { get; set; }

    /// <summary>The issue: the classification identifier (e.g. <c>open-rdp</c>).</summary>
    public required string Issue { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? LastWarnedAt { get; set; }
    public int WarnedCount { get; set; }
    public int SuppressedCount { get; set; }

    /// <summary>Why it was last held back: the kind and the reason.</summary>
    public string? LastSuppression { get; set; }
}

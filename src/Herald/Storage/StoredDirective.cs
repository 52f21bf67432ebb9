using Herald.Decide;

namespace Herald.Storage;

/// <summary>The decision about one event: route, recipient and the reasons that led there.</summary>
public sealed class StoredDirective
{
    public long Id { get; set; }

    /// <summary>One directive per event: the same event is never decided (or warned about) twice.</summary>
    public long EventId { get; set; }

    public long ReportId { get; set; }
    public Route Route { get; set; }
    public string? RecipientEmail { get; set; }
    public string? RecipientName { get; set; }
    public long? OrganisationId { get; set; }
    public string? PartnerCode { get; set; }
    public required string Template { get; set; }
    public required string AggregationKey { get; set; }
    public required string Reasons { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long? NotificationId { get; set; }

    /// <summary>Set when the recipient is reached by phone: the call task replaces the e-mail.</summary>
    public string? RecipientPhone { get; set; }

    /// <summary>The contacts of the fallback chain, one per line: chosen, alternative or bounced, with origin and verification time.</summary>
    public string? Contacts { get; set; }

    public long? CallTaskId { get; set; }
    /// <summary>The rule set that decided (<c>sequence:hash</c>) and the rules that fired, comma-separated.</summary>
    public string? RuleSetVersion { get; set; }

    public string? FiredRules { get; set; }
    public string? Severity { get; set; }
    public string? Priority { get; set; }
    public TimeSpan? Interval { get; set; }

    /// <summary>For a held or deferred directive: the route it takes once released.</summary>
    public Route? ProposedRoute { get; set; }

    /// <summary>For a suppressed directive: duplicate, inhibition or rule.</summary>
    public string? Suppression { get; set; }

    /// <summary>What held it for review (a rule id or <c>inhibition:N</c>) and who wrote that.</summary>
    public string? HeldBy { get; set; }

    public string? HeldByAuthor { get; set; }

    /// <summary>For a deferred directive: when the recipient's message limit lets it go.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>The review queue item a held directive waits in.</summary>
    public long? ReviewItemId { get; set; }
}

namespace Herald.Decide;

/// <summary>The outcome of deciding one event: where it goes, to whom, and why.</summary>
public sealed record Directive(
    Route Route,
    string? RecipientEmail,
    string? RecipientName,
    long? OrganisationId,
    string? PartnerCode,
    string Template,
    string AggregationKey,
    IReadOnlyList<string> Reasons)
{
    /// <summary>The phone number to call when the chosen contact is a phone (an analyst gets a call task instead of an e-mail).</summary>
    public string? RecipientPhone { get; init; }

    /// <summary>The fallback chain behind the recipient: the chosen contact and the alternatives, with where each came from.</summary>
    public Contacts.RecipientChoice? Contacts { get; init; }
    /// <summary>The rule set that decided, as <c>sequence:hash</c>.</summary>
    public string? RuleSetVersion { get; init; }

    /// <summary>The ids of the rules that fired, in order.</summary>
    public IReadOnlyList<string> FiredRules { get; init; } = [];

    public Severity? Severity { get; init; }
    public string? Priority { get; init; }

    /// <summary>The notification interval the rules asked for, if any.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>For a held or deferred directive: the route it takes once released.</summary>
    public Route? ProposedRoute { get; init; }

    /// <summary>For a suppressed directive: duplicate, inhibition or rule.</summary>
    public string? Suppression { get; init; }

    /// <summary>What held it for review (a rule id or <c>inhibition:N</c>), and who wrote that.</summary>
    public string? HeldBy { get; init; }

    public string? HeldByAuthor { get; init; }

    /// <summary>For a deferred directive: when the recipient's limit allows the next message.</summary>
    public DateTimeOffset? NotBefore { get; init; }
}

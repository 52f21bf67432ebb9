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
}

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
    IReadOnlyList<string> Reasons);

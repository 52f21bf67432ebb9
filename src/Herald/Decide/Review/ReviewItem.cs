namespace Herald.Decide.Review;

/// <summary>
/// Held directives of one report that wait for an analyst together: same proposed route, recipient and
/// holding rule (or inhibition). Approval releases them to notification; rejection discards them.
/// </summary>
public sealed class ReviewItem
{
    public long Id { get; set; }
    public long ReportId { get; set; }

    /// <summary>The route the directives take when approved; null when no recipient was found (they can only be rejected).</summary>
    public Decide.Route? ProposedRoute { get; set; }

    public string? RecipientEmail { get; set; }
    public string? RecipientName { get; set; }
    public string? PartnerCode { get; set; }

    /// <summary>The rule id or <c>inhibition:N</c> that held them, and its author.</summary>
    public required string HeldBy { get; set; }

    public string? HeldByAuthor { get; set; }

    /// <summary>The reasons of one of its directives, as an example of why they were held.</summary>
    public required string Reasons { get; set; }

    public int DirectiveCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public ReviewState State { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
}

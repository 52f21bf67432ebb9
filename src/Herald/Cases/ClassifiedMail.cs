namespace Herald.Cases;

/// <summary>
/// What the classifier found in an incoming message: its kind, for a bounce the address and status, and every
/// Message-ID and reference in it that may lead back to a warning.
/// </summary>
public sealed record ClassifiedMail(
    InboundKind Kind,
    string? BouncedRecipient,
    string? Status,
    string? Diagnostic,
    IReadOnlyList<string> RelatedMessageIds,
    IReadOnlyList<string> References);

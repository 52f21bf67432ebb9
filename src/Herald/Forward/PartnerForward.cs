using Herald.Storage;

namespace Herald.Forward;

/// <summary>
/// A partner's cases of one run, forwarded in the partner's format: the notification it belongs to carries the
/// reference, the cover text and the outbox state; this row says how the cases travel.
/// </summary>
public sealed class PartnerForward
{
    public long Id { get; set; }

    /// <summary>The notification (reference, outbox row) of this forward; one forward per notification.</summary>
    public long NotificationId { get; set; }

    public required string PartnerCode { get; set; }

    /// <summary>E-mail with an attachment, or an HTTPS POST; the partner's choice when the forward was made.</summary>
    public PartnerChannel Channel { get; set; }

    public ForwardFormat Format { get; set; }

    /// <summary>The HTTPS URL the document is posted to, for <see cref="PartnerChannel.HttpsPost"/>.</summary>
    public string? Endpoint { get; set; }

    public int CaseCount { get; set; }

    /// <summary>SHA-256 over the partner and the forwarded events: unique, so the same cases are never forwarded twice.</summary>
    public required string CaseKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

using Herald.Decide;

namespace Herald.Storage;

/// <summary>One warning to one recipient, with its reference, verification code and delivery state.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    /// <summary>Readable and unique, e.g. HRLD-2026-000123; recipients quote it when they call.</summary>
    public required string Reference { get; set; }

    public required string VerificationCode { get; set; }
    public Route Route { get; set; }
    public required string RecipientEmail { get; set; }
    public string? RecipientName { get; set; }
    public string? PartnerCode { get; set; }
    public long? OrganisationId { get; set; }
    public required string Subject { get; set; }
    public required string BodyText { get; set; }

    /// <summary>The HTML part, rendered with the text part (null for warnings made before there was one).</summary>
    public string? BodyHtml { get; set; }

    /// <summary>The languages the warning is written in, in order (e.g. "nl,en").</summary>
    public string Languages { get; set; } = "nl,en";
    /// <summary>
    /// Whether the CSV of all affected assets is attached (there are more than the text lists). It is not stored: it is
    /// written from the events of the warning's directives each time the message is made.
    /// </summary>
    public bool AssetsAttached { get; set; }

    public int AssetCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Pending notifications are the outbox: written in the same transaction as the notification.</summary>
    public DeliveryStatus Status { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Without angle brackets; derived from the reference, the same for every attempt, so a resend is recognisable.</summary>
    public required string MessageId { get; set; }

    /// <summary>Delivery tries so far; each one is a <see cref="DeliveryAttempt"/> row.</summary>
    public int Attempts { get; set; }

    /// <summary>When a pending notification may be tried again (back-off after a temporary failure).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The sender that claimed the notification, until <see cref="LeaseExpiresAt"/>.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Why delivery gave up (a 5xx reply, too many temporary failures, no contact left).</summary>
    public string? FailureReason { get; set; }

    /// <summary>Temporary bounces (4.x.x delivery status notifications) received for it.</summary>
    public int SoftBounces { get; set; }

    /// <summary>The reference of the warning this one follows up (a reminder or an escalation), if any.</summary>
    public string? FollowUpOf { get; set; }
}

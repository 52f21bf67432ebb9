using System.Security.Cryptography;
using Herald.Deliver;
using Herald.Notify;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Cases;

/// <summary>
/// Acts on one message from the bounce and reply mailbox. A hard bounce for a warning's current address marks
/// the address bad and moves the warning (and its cases) to the next contact, which the outbox then sends to;
/// a soft bounce is counted; every message is kept with the warning it belongs to, for analysts.
/// </summary>
public sealed class InboundMailHandler(HeraldDatabase database, ServiceOptions service, TimeProvider time)
{
    /// <summary>Characters of text kept per message.</summary>
    public const int MaxText = 64 * 1024;

    private readonly InboundClassifier _classifier = new(service.ReferencePrefix);

    /// <summary>Handles a message once; returns what was stored, or null when it had been handled before.</summary>
    public async Task<InboundMail?> HandleAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var id = message.MessageId is { Length: > 0 } own ? own : ContentHash(message);
        if (await db.InboundMail.AnyAsync(m => m.MessageId == id, cancellationToken)) return null;

        var found = _classifier.Classify(message);
        var notification = await FindAsync(db, found, cancellationToken);
        var now = time.GetUtcNow();
        var detail = notification is null ? "no warning found for it" : $"belongs to {notification.Reference}";
        if (notification is not null)
        {
            switch (found.Kind)
            {
                case InboundKind.HardBounce:
                    detail = await HardBounceAsync(db, notification, found, now, cancellationToken);
                    break;
                case InboundKind.SoftBounce:
                    notification.SoftBounces++;
                    detail = $"temporary failure {found.Status} for {found.BouncedRecipient}: counted ({notification.SoftBounces})";
                    break;
                case InboundKind.DeliveryReport:
                case InboundKind.AutoReply:
                case InboundKind.Reply:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown kind {found.Kind}");
            }
        }
        var text = message.TextBody ?? message.HtmlBody ?? "";
        var stored = new InboundMail
        {
            MessageId = id,
            Kind = found.Kind,
            NotificationId = notification?.Id,
            From = message.From.Mailboxes.FirstOrDefault()?.Address ?? "",
            Subject = message.Subject ?? "",
            Text = text.Length > MaxText ? text[..MaxText] : text,
            ReceivedAt = now,
            Detail = detail,
        };
        db.InboundMail.Add(stored);
        db.Audit.Add(new AuditEntry
        {
            At = now,
            Actor = "mailbox",
            Action = $"inbound.{found.Kind.ToString().ToLowerInvariant()}",
            Subject = notification?.Reference ?? stored.From,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }

    private async Task<Notification?> FindAsync(HeraldDb db, ClassifiedMail found, CancellationToken cancellationToken)
    {
        var references = found.RelatedMessageIds.Select(id => MessageIds.ReferenceOf(id, service.SenderAddress))
            .OfType<string>().Concat(found.References).Distinct().ToList();
        foreach (var reference in references)
            if (await db.Notifications.FirstOrDefaultAsync(n => n.Reference == reference, cancellationToken) is { } n) return n;
        return null;
    }

    private async Task<string> HardBounceAsync(HeraldDb db, Notification n, ClassifiedMail found, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bounced = found.BouncedRecipient ?? n.RecipientEmail;
        var reason = $"{found.Status} {found.Diagnostic}".Trim();
        await new Contacts.ContactBook(db).StageHardBounceAsync(bounced, $"{reason} ({n.Reference})", now, "mailbox", cancellationToken);
        if (!bounced.Equals(n.RecipientEmail, StringComparison.OrdinalIgnoreCase))
            return $"permanent failure {reason} for {bounced}, an earlier contact: the warning went on to {n.RecipientEmail} already";

        var next = await ContactFallback.NextAsync(db, n, cancellationToken);
        if (next is not { } contact)
        {
            n.Status = DeliveryStatus.Failed;
            n.FailureReason = $"hard bounce from {bounced} ({reason}); no further contact";
            return n.FailureReason;
        }
        var number = MessageIds.ContactNumberOf(n.MessageId) + 1;
        n.RecipientEmail = contact.Email;
        n.MessageId = MessageIds.ForContact(n.Reference, service.SenderAddress, number);
        n.Status = DeliveryStatus.Pending;
        n.Attempts = 0;
        n.NextAttemptAt = null;
        n.DeliveredAt = null;
        n.FailureReason = null;
        await db.Cases.Where(c => c.NotificationId == n.Id && c.Status != CaseStatus.Resolved)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RecipientEmail, contact.Email), cancellationToken);
        var detail = $"permanent failure {reason} for {bounced}: moved to {contact.Email} ({contact.Origin})";
        db.Audit.Add(new AuditEntry { At = now, Actor = "mailbox", Action = "notification.redirected", Subject = n.Reference, Detail = detail });
        return detail;
    }

    private static string ContentHash(MimeMessage message)
    {
        using var content = new MemoryStream();
        message.WriteTo(content);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content.ToArray()));
    }
}

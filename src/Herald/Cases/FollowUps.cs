using Herald.Decide;
using Herald.Deliver;
using Herald.Notify;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cases;

/// <summary>
/// Writes the follow-up warnings that are due: a reminder to the recipient of cases still open after the first
/// period (one per recipient, listing its cases), and an escalation to the network owner of cases still open
/// after the second. Each is a notification of its own (reference, code, outbox), linked to the original warning.
/// </summary>
public sealed class FollowUps(FollowUpOptions options, ServiceOptions service, NotificationBuilder references, TimeProvider time)
{
    private readonly FollowUpComposer _composer = new(service);

    /// <summary>Writes the reminders and escalations due now; returns how many of each.</summary>
    public async Task<(int Reminders, int Escalations)> CreateDueAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var remindBefore = now - options.ReminderAfter;
        var escalateBefore = now - options.EscalateAfter;
        var reminders = 0;
        foreach (var group in (await db.Cases.Where(c => c.Status == CaseStatus.Open && c.OpenedAt <= remindBefore).ToListAsync(cancellationToken))
                 .GroupBy(c => c.RecipientEmail, StringComparer.OrdinalIgnoreCase))
        {
            var cases = group.ToList();
            // The follow-up and the cases' new state together: a crash cannot remind twice.
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var n = await AddAsync(db, group.Key, Route.Direct, cases, escalation: false, cancellationToken);
            foreach (var c in cases) (c.Status, c.RemindedAt, c.ReminderNotificationId) = (CaseStatus.Reminded, now, n.Id);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            reminders++;
        }

        var escalations = 0;
        var due = await db.Cases.Where(c => c.Status == CaseStatus.Reminded && c.RemindedAt <= escalateBefore).ToListAsync(cancellationToken);
        var asns = due.Select(c => c.Asn).OfType<long>().Distinct().ToList();
        var owners = await db.NetworkOwners.AsNoTracking().Where(o => asns.Contains(o.Asn)).ToDictionaryAsync(o => o.Asn, cancellationToken);
        foreach (var group in due.GroupBy(c => c.Asn is { } asn && owners.TryGetValue(asn, out var owner) ? owner.AbuseEmail : null))
        {
            var cases = group.ToList();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            long? id = null;
            // Without a network owner (or when it was the recipient all along) there is no one above: the analysts see it as escalated.
            if (group.Key is { } abuse && !cases.All(c => c.RecipientEmail.Equals(abuse, StringComparison.OrdinalIgnoreCase)))
            {
                id = (await AddAsync(db, abuse, Route.NetworkOwner, cases, escalation: true, cancellationToken)).Id;
                escalations++;
            }
            foreach (var c in cases) (c.Status, c.EscalatedAt, c.EscalationNotificationId) = (CaseStatus.Escalated, now, id);
            db.Audit.Add(new AuditEntry
            {
                At = now,
                Actor = "cases",
                Action = "case.escalated",
                Subject = string.Join(",", cases.Select(c => c.Reference).Distinct()),
                Detail = id is null ? "no network owner to escalate to" : $"to {group.Key}",
            });
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        return (reminders, escalations);
    }

    private async Task<Notification> AddAsync(HeraldDb db, string recipient, Route route, List<Case> cases, bool escalation, CancellationToken cancellationToken)
    {
        var reference = await references.NextReferenceAsync(db, cancellationToken);
        var code = NotificationBuilder.NewVerificationCode();
        var (subject, body) = escalation ? _composer.Escalation(reference, code, cases) : _composer.Reminder(reference, code, cases);
        var now = time.GetUtcNow();
        var notification = new Notification
        {
            Reference = reference,
            VerificationCode = code,
            Route = route,
            RecipientEmail = recipient,
            OrganisationId = cases.Select(c => c.OrganisationId).Distinct().Count() == 1 ? cases[0].OrganisationId : null,
            Subject = subject,
            BodyText = body,
            AssetCount = cases.Count,
            CreatedAt = now,
            Status = DeliveryStatus.Pending,
            MessageId = MessageIds.ForReference(reference, service.SenderAddress),
            FollowUpOf = cases[0].Reference,
        };
        db.Notifications.Add(notification);
        db.Audit.Add(new AuditEntry
        {
            At = now,
            Actor = "cases",
            Action = escalation ? "notification.escalation" : "notification.reminder",
            Subject = reference,
            Detail = $"to {recipient} for {cases.Count} case(s), following {string.Join(", ", cases.Select(c => c.Reference).Distinct())}",
        });
        // Saved at once: the next reference is counted from the stored ones.
        await db.SaveChangesAsync(cancellationToken);
        return notification;
    }
}

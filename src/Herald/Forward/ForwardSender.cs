using Herald.Deliver;
using Herald.Events;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Forward;

/// <summary>
/// The outbox's way out for forwards: reads the forward's cases from the database, writes and checks the document
/// in the partner's format, and hands it over by e-mail (through the outbox's mail channel) or by HTTPS POST.
/// The document is made again on every try from the same stored events, so every try sends the same bytes.
/// </summary>
public sealed class ForwardSender(ForwardDocuments documents, ForwardMessageFactory messages, HttpsForwardChannel https, BearerTokens tokens)
{
    /// <summary>The forward behind a notification, or null for an ordinary warning.</summary>
    public static Task<PartnerForward?> FindAsync(HeraldDb db, long notificationId, CancellationToken cancellationToken) =>
        db.Set<PartnerForward>().AsNoTracking().FirstOrDefaultAsync(f => f.NotificationId == notificationId, cancellationToken);

    /// <summary>One try at delivering a forward, and the name of the channel it took.</summary>
    public async Task<(SendResult Result, string Channel)> SendAsync(HeraldDb db, Notification notification, PartnerForward forward,
        IMailChannel mail, CancellationToken cancellationToken)
    {
        var channel = forward.Channel == PartnerChannel.HttpsPost ? HttpsForwardChannel.Name : mail.Name;
        var (cases, problem) = await LoadCasesAsync(db, notification.Id, cancellationToken);
        if (problem is not null) return (new SendResult(SendOutcome.Permanent, problem), channel);
        var document = documents.Write(forward.Format, notification.Reference, notification.CreatedAt, cases, out var refusal);
        if (document is null) return (new SendResult(SendOutcome.Permanent, refusal!), channel);
        switch (forward.Channel)
        {
            case PartnerChannel.Email:
                var built = messages.Create(notification, document);
                return (built.Message is { } message
                    ? await mail.SendAsync(message, cancellationToken)
                    : new SendResult(SendOutcome.Permanent, built.Refusal!), channel);
            case PartnerChannel.HttpsPost:
                if (forward.Endpoint is not { } endpoint) return (new SendResult(SendOutcome.Permanent, $"partner {forward.PartnerCode} has no endpoint"), channel);
                return (await https.PostAsync(endpoint, document, notification.Reference, tokens.For(forward.PartnerCode), cancellationToken), channel);
            default:
                throw new ArgumentOutOfRangeException(nameof(forward), forward.Channel, null);
        }
    }

    /// <summary>The forward's events in the order they were stored, each with its raw line and member organisation; or why not.</summary>
    public static async Task<(List<ForwardedCase> Cases, string? Problem)> LoadCasesAsync(HeraldDb db, long notificationId, CancellationToken cancellationToken)
    {
        var rows = await (
                from d in db.Directives.AsNoTracking()
                where d.NotificationId == notificationId
                join e in db.Events.AsNoTracking() on d.EventId equals e.Id
                join o in db.Organisations.AsNoTracking() on d.OrganisationId equals o.Id into found
                from o in found.DefaultIfEmpty()
                orderby e.Id
                select new { e.Id, e.Json, e.Raw, Name = o == null ? null : o.Name, Kvk = o == null ? null : o.KvkNumber })
            .ToListAsync(cancellationToken);
        var cases = new List<ForwardedCase>(rows.Count);
        foreach (var row in rows)
        {
            if (IntelMqJson.Read(row.Json, out var error) is not { } e) return (cases, $"stored event {row.Id} cannot be read: {error}");
            e.Raw = row.Raw;
            cases.Add(new ForwardedCase(row.Id, e, row.Name, row.Kvk));
        }
        return (cases, cases.Count == 0 ? "no cases are linked to this forward" : null);
    }
}

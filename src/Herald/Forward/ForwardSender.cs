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
        ForwardDocument? document;
        string? refusal;
        try
        {
            (document, refusal) = await documents.WriteAsync(forward.Format, notification.Reference, notification.CreatedAt,
                ReadCasesAsync(db, notification.Id, cancellationToken), cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            (document, refusal) = (null, ex.Message);
        }
        if (document is null) return (new SendResult(SendOutcome.Permanent, refusal!), channel);
        await using (document)
        {
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
    }

    /// <summary>
    /// The forward's events in the order they were stored, each with its raw line and member organisation, read one
    /// at a time; an event that cannot be read stops the forward (<see cref="InvalidDataException"/>, with the reason).
    /// </summary>
    public static async IAsyncEnumerable<ForwardedCase> ReadCasesAsync(HeraldDb db, long notificationId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = (
                from d in db.Directives.AsNoTracking()
                where d.NotificationId == notificationId
                join e in db.Events.AsNoTracking() on d.EventId equals e.Id
                join o in db.Organisations.AsNoTracking() on d.OrganisationId equals o.Id into found
                from o in found.DefaultIfEmpty()
                orderby e.Id
                select new { e.Id, e.Json, e.Raw, Name = o == null ? null : o.Name, Kvk = o == null ? null : o.KvkNumber })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (IntelMqJson.Read(row.Json, out var error) is not { } e) throw new InvalidDataException($"stored event {row.Id} cannot be read: {error}");
            e.Raw = row.Raw;
            yield return new ForwardedCase(row.Id, e, row.Name, row.Kvk);
        }
    }
}

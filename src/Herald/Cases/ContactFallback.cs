using Herald.Contacts;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cases;

/// <summary>
/// The next address for a warning whose contact bounced: the organisation's other registry contacts in their
/// registry order, then the abuse address of the network owner of the warned assets. An address that bounced
/// before, or that this warning already went to, is never chosen.
/// </summary>
public static class ContactFallback
{
    /// <summary>The next contact for <paramref name="notification"/>, or null when the chain is exhausted.</summary>
    public static async Task<(string Email, string Origin)?> NextAsync(HeraldDb db, Notification notification, CancellationToken cancellationToken)
    {
        // A partner's forward carries the cases of its members: it goes to the partner or to no one.
        if (await db.PartnerForwards.AnyAsync(f => f.NotificationId == notification.Id, cancellationToken)) return null;
        var tried = (await db.DeliveryAttempts.Where(a => a.NotificationId == notification.Id && a.Recipient != null)
                .Select(a => a.Recipient!).ToListAsync(cancellationToken))
            .Append(notification.RecipientEmail)
            .Select(a => a.ToLowerInvariant())
            .ToHashSet();
        // The contact book's hard bounces: from this mailbox, from calls and from analysts alike.
        var bad = (await db.Set<ContactBounce>().Select(b => b.Address).ToListAsync(cancellationToken)).ToHashSet();

        if (notification.OrganisationId is { } organisation)
        {
            var contacts = await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == organisation && c.Email != null)
                .OrderBy(c => c.Id).Select(c => c.Email!).ToListAsync(cancellationToken);
            foreach (var email in contacts)
                if (Usable(email)) return (email, "registry contact");
        }
        var asns = await db.Directives.Where(d => d.NotificationId == notification.Id)
            .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => e.SourceAsn)
            .Where(a => a != null).Distinct().ToListAsync(cancellationToken);
        var owners = await db.NetworkOwners.AsNoTracking().Where(o => asns.Contains(o.Asn)).OrderBy(o => o.Asn)
            .Select(o => new { o.Asn, o.AbuseEmail }).ToListAsync(cancellationToken);
        foreach (var owner in owners)
            if (Usable(owner.AbuseEmail)) return (owner.AbuseEmail, $"abuse contact of AS{owner.Asn}");
        return null;

        bool Usable(string email) => !tried.Contains(email.ToLowerInvariant()) && !bad.Contains(email.ToLowerInvariant());
    }
}

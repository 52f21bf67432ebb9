using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Contacts;

/// <summary>Changes to the contact store: hard bounces (set by delivery tracking) and what discovery found. Each change is audited.</summary>
public sealed class ContactBook(HeraldDb db)
{
    /// <summary>Marks an e-mail address or phone number as bounced hard: the fallback chain skips it from now on.</summary>
    public async Task MarkHardBounceAsync(string address, string reason, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        await StageHardBounceAsync(address, reason, at, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Records a hard bounce in the unit of work without saving it, for callers that save it together with what
    /// the bounce changes (the bounce mailbox re-targets the warning in the same save).
    /// </summary>
    public async Task StageHardBounceAsync(string address, string reason, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        var key = Normalise(address);
        var bounce = await db.Set<ContactBounce>().FirstOrDefaultAsync(b => b.Address == key, cancellationToken);
        if (bounce is null) db.Add(new ContactBounce { Address = key, Reason = reason, At = at });
        else
        {
            bounce.Reason = reason;
            bounce.At = at;
        }
        db.Audit.Add(new AuditEntry { At = at, Actor = actor, Action = "contact.hard-bounce", Subject = key, Detail = reason });
    }

    /// <summary>Lifts a bounce (the address works again); false when there was none.</summary>
    public async Task<bool> ClearBounceAsync(string address, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        var key = Normalise(address);
        var removed = await db.Set<ContactBounce>().Where(b => b.Address == key).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) return false;
        db.Audit.Add(new AuditEntry { At = at, Actor = actor, Action = "contact.bounce-cleared", Subject = key });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Replaces what <paramref name="source"/> says about <paramref name="subject"/> with <paramref name="contacts"/>.</summary>
    public async Task RecordAsync(string subject, ContactSource source, IReadOnlyList<DiscoveredContact> contacts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var set = db.Set<DiscoveredContactRecord>();
        var old = await set.Where(r => r.Subject == subject && r.Source == source).ToListAsync(cancellationToken);
        var before = string.Join(", ", old.Select(r => r.Address).Order(StringComparer.Ordinal));
        var after = string.Join(", ", contacts.Select(c => c.Address).Distinct().Order(StringComparer.Ordinal));
        set.RemoveRange(old);
        foreach (var c in contacts.DistinctBy(c => c.Address))
            set.Add(new DiscoveredContactRecord { Subject = subject, Address = c.Address, Kind = c.Kind, Source = source, Origin = c.Origin, VerifiedAt = c.VerifiedAt ?? at });
        if (before != after)
            db.Audit.Add(new AuditEntry { At = at, Actor = "discovery", Action = "contact.discovered", Subject = subject, Detail = $"{ContactChoice.Describe(source)}: {(after.Length == 0 ? "none" : after)}" });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The form addresses are stored and compared in: lower-case e-mail, phone numbers as digits with a leading +.</summary>
    public static string Normalise(string address) =>
        address.Contains('@') ? address.Trim().ToLowerInvariant() : ContactAddress.CheckPhone(address, out _) ?? address.Trim();
}

using System.Net;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Contacts;

/// <summary>
/// Every contact deciding may use, read from the database once per run: the registry's contacts, what discovery
/// found (security.txt, RDAP), the RIPE import, the network owner table and the hard bounces. Lookups need no network.
/// </summary>
public sealed class ContactSnapshot
{
    private readonly Dictionary<long, List<DiscoveredContact>> _registry = [];
    private readonly Dictionary<long, List<string>> _domains = [];
    private readonly Dictionary<string, List<DiscoveredContact>> _discovered;
    private readonly Dictionary<long, NetworkOwner> _owners;

    private ContactSnapshot(IEnumerable<Organisation> organisations, Dictionary<string, List<DiscoveredContact>> discovered,
        Dictionary<long, NetworkOwner> owners, RipeAbuseTable ripe, Dictionary<string, ContactBounce> bounces)
    {
        _discovered = discovered;
        _owners = owners;
        Ripe = ripe;
        Bounces = bounces;
        foreach (var o in organisations)
        {
            var origin = $"registry, KvK {o.KvkNumber}";
            var contacts = new List<DiscoveredContact>();
            // E-mail before phone: a phone is used when no address is left.
            foreach (var c in o.Contacts)
                if (ContactAddress.CheckEmail(c.Email, out _) is { } email)
                    contacts.Add(new DiscoveredContact(email, ContactKind.Email, ContactSource.Registry, origin, c.VerifiedAt));
            foreach (var c in o.Contacts)
                if (ContactAddress.CheckPhone(c.Phone, out _) is { } phone)
                    contacts.Add(new DiscoveredContact(phone, ContactKind.Phone, ContactSource.Registry, origin, c.VerifiedAt));
            _registry[o.Id] = contacts;
            _domains[o.Id] = o.Assets.Where(a => a.Kind == AssetKind.Domain).Select(a => DiscoveredContactRecord.ForDomain(a.Value)).ToList();
        }
    }

    public RipeAbuseTable Ripe { get; }

    /// <summary>Hard bounces by address.</summary>
    public IReadOnlyDictionary<string, ContactBounce> Bounces { get; }

    /// <summary>A snapshot with the given organisations and network owners (already loaded by the caller) and the rest from <paramref name="db"/>.</summary>
    public static async Task<ContactSnapshot> LoadAsync(HeraldDb db, IEnumerable<Organisation> organisations,
        IReadOnlyDictionary<long, NetworkOwner> owners, CancellationToken cancellationToken)
    {
        var discovered = new Dictionary<string, List<DiscoveredContact>>(StringComparer.Ordinal);
        await foreach (var r in db.Set<DiscoveredContactRecord>().AsNoTracking().OrderBy(r => r.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!discovered.TryGetValue(r.Subject, out var list)) discovered[r.Subject] = list = [];
            list.Add(r.ToContact());
        }
        var bounces = await db.Set<ContactBounce>().AsNoTracking().ToDictionaryAsync(b => b.Address, StringComparer.Ordinal, cancellationToken);
        var ripe = await RipeAbuseTable.LoadAsync(db, cancellationToken);
        return new ContactSnapshot(organisations, discovered, new Dictionary<long, NetworkOwner>(owners), ripe, bounces);
    }

    /// <summary>The organisation's own contacts in chain order: security.txt of each of its domains, then the registry's.</summary>
    public IEnumerable<DiscoveredContact> OfOrganisation(long organisationId)
    {
        foreach (var subject in _domains.GetValueOrDefault(organisationId) ?? [])
            foreach (var c in _discovered.GetValueOrDefault(subject) ?? [])
                if (c.Source == ContactSource.SecurityTxt) yield return c;
        foreach (var c in _registry.GetValueOrDefault(organisationId) ?? []) yield return c;
    }

    /// <summary>The network owner's abuse contacts in chain order: RDAP, the RIPE import (network, then AS), the network owner table.</summary>
    /// <param name="ripeNetwork">The RIPE import's contact for the address (<see cref="RipeAbuseTable.Find(IPAddress)"/>), if any.</param>
    public IEnumerable<DiscoveredContact> OfNetwork(DiscoveredContact? ripeNetwork, long? asn)
    {
        if (asn is { } a)
            foreach (var c in _discovered.GetValueOrDefault(DiscoveredContactRecord.ForAsn(a)) ?? [])
                if (c.Source == ContactSource.Rdap) yield return c;
        if (ripeNetwork is not null) yield return ripeNetwork;
        if (asn is { } b && Ripe.Find(b) is { } byAsn) yield return byAsn;
        if (asn is { } n && _owners.TryGetValue(n, out var owner) && ContactAddress.CheckEmail(owner.AbuseEmail, out _) is { } email)
            yield return new DiscoveredContact(email, ContactKind.Email, ContactSource.NetworkOwner, $"{owner.Name}, AS{n} ({owner.Origin})", null);
    }

    public NetworkOwner? Owner(long? asn) => asn is { } n ? _owners.GetValueOrDefault(n) : null;
}

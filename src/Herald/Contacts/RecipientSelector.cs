using Herald.Enrich;

namespace Herald.Contacts;

/// <summary>
/// The fallback chain for one event: the organisation's security.txt contacts, its registry contacts (e-mail, then
/// phone), then the network owner's abuse contact (RDAP, RIPE import, network owner table). The first contact that
/// did not bounce hard is chosen; the others stay visible as alternatives or as skipped with the bounce.
/// </summary>
public sealed class RecipientSelector(ContactSnapshot? contacts)
{
    public static RecipientSelector Empty { get; } = new(null);

    private readonly ContactSnapshot? _contacts = contacts;

    // The chain depends only on the organisation, the AS and the RIPE network of the address: events share choices.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long?, long?, DiscoveredContact?, bool), RecipientChoice> _choices = new();

    /// <param name="preferCall">A rule asks for a call: the organisation's first usable phone number wins over its e-mail addresses.</param>
    public RecipientChoice Choose(EnrichedEvent e, bool preferCall = false)
    {
        if (_contacts is null) return RecipientChoice.None;
        var organisationId = e.Organisation?.Organisation.Id;
        var asn = e.Event.SourceAsn;
        var ripe = e.Event.SourceIp is { } ip ? _contacts.Ripe.Find(ip) : null;
        return _choices.GetOrAdd((organisationId, asn, ripe, preferCall), key => Choose(key.Item1, key.Item2, key.Item3, key.Item4));
    }

    private RecipientChoice Choose(long? organisationId, long? asn, DiscoveredContact? ripe, bool preferCall)
    {
        var candidates = new List<DiscoveredContact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var own = organisationId is { } id ? _contacts!.OfOrganisation(id) : [];
        foreach (var c in own.Concat(_contacts!.OfNetwork(ripe, asn)))
            if (seen.Add(c.Address)) candidates.Add(c);

        DiscoveredContact? chosen = null;
        if (preferCall)
            chosen = candidates.FirstOrDefault(c => c is { Kind: ContactKind.Phone, Source: ContactSource.SecurityTxt or ContactSource.Registry } && !Bounced(c));
        chosen ??= candidates.FirstOrDefault(c => !Bounced(c));

        var weighed = new List<ContactChoice>(candidates.Count);
        foreach (var c in candidates)
        {
            if (_contacts!.Bounces.TryGetValue(c.Address, out var bounce))
                weighed.Add(new ContactChoice(c, ContactStatus.Bounced, $"bounced hard {bounce.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {bounce.Reason}"));
            else weighed.Add(new ContactChoice(c, ReferenceEquals(c, chosen) ? ContactStatus.Chosen : ContactStatus.Alternative, null));
        }
        return new RecipientChoice(chosen, weighed);

        bool Bounced(DiscoveredContact c) => _contacts!.Bounces.ContainsKey(c.Address);
    }
}

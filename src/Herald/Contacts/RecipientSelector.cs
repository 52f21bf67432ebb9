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

    /// <param name="preferCall">A rule asks for a call: the organisation's first usable phone number wins over its e-mail addresses.</param>
    public RecipientChoice Choose(EnrichedEvent e, bool preferCall = false)
    {
        if (_contacts is null) return RecipientChoice.None;
        var candidates = new List<DiscoveredContact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var organisation = e.Organisation?.Organisation;
        var own = organisation is null ? [] : _contacts.OfOrganisation(organisation.Id);
        foreach (var c in own.Concat(_contacts.OfNetwork(e.Event.SourceIp, e.Event.SourceAsn)))
            if (seen.Add(c.Address)) candidates.Add(c);

        DiscoveredContact? chosen = null;
        if (preferCall)
            chosen = candidates.FirstOrDefault(c => c is { Kind: ContactKind.Phone, Source: ContactSource.SecurityTxt or ContactSource.Registry } && !Bounced(c));
        chosen ??= candidates.FirstOrDefault(c => !Bounced(c));

        var weighed = new List<ContactChoice>(candidates.Count);
        foreach (var c in candidates)
        {
            if (_contacts.Bounces.TryGetValue(c.Address, out var bounce))
                weighed.Add(new ContactChoice(c, ContactStatus.Bounced, $"bounced hard {bounce.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {bounce.Reason}"));
            else weighed.Add(new ContactChoice(c, ReferenceEquals(c, chosen) ? ContactStatus.Chosen : ContactStatus.Alternative, null));
        }
        return new RecipientChoice(chosen, weighed);

        bool Bounced(DiscoveredContact c) => _contacts.Bounces.ContainsKey(c.Address);
    }
}

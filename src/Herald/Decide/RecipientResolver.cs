using Herald.Enrich;

namespace Herald.Decide;

/// <summary>
/// The recipient of a route, chosen as Herald always has: the national CSIRT's and partners' addresses from
/// the partner registry; for direct and network-owner routes the contact fallback chain (security.txt, registry
/// e-mail and phone, the network owner's abuse contact) when one is loaded, else the registry's e-mail and the
/// network owner table.
/// </summary>
public sealed class RecipientResolver(DecisionOptions options, PartnerDirectory partners, Contacts.RecipientSelector? contacts = null)
{
    public PartnerDirectory Partners => partners;

    /// <summary>The decision settings the recipients are chosen by (the national CSIRT's code, the limited routes).</summary>
    public DecisionOptions Options => options;

    /// <param name="partnerCode">The partner that warns the organisation (membership or constituency), for <see cref="Route.Partner"/>.</param>
    public RecipientChoice Resolve(Route route, EnrichedEvent e, string? partnerCode)
    {
        var org = e.Organisation?.Organisation;
        switch (route)
        {
            case Route.NationalCsirt:
                return ToPartner(options.NationalCsirtCode);
            case Route.Partner:
                return partnerCode is null
                    ? new RecipientChoice(null, null, null, "no partner warns this organisation: an analyst must find a recipient")
                    : ToPartner(partnerCode);
            case Route.Direct or Route.NetworkOwner when contacts is not null:
                return FromChain(route, e);
            case Route.Direct:
                return org is { ContactEmail: { Length: > 0 } email }
                    ? new RecipientChoice(email, org.Name, null, null)
                    : new RecipientChoice(null, null, null, org is null
                        ? "no registered organisation matches, so none can be warned directly: an analyst must find a recipient"
                        : $"{org.Name} has no e-mail contact in the registry: an analyst must find a recipient");
            case Route.NetworkOwner:
                if (e.NetworkOwner is { } owner) return new RecipientChoice(owner.AbuseEmail, owner.Name, null, null);
                return new RecipientChoice(null, null, null, e.Event.SourceAsn is { } asn
                    ? $"no abuse contact is known for AS{asn}: an analyst must find a recipient"
                    : "the AS is unknown, so no network owner can be warned: an analyst must find a recipient");
            default:
                return new RecipientChoice(null, null, null, null);
        }

        RecipientChoice ToPartner(string code) => partners.Find(code) is { } partner
            ? new RecipientChoice(partner.Email, partner.Name, partner.Code, null)
            : new RecipientChoice(null, null, code, $"partner '{code}' is not in the partner registry: held for review");
    }

    private RecipientChoice FromChain(Route route, EnrichedEvent e)
    {
        var org = e.Organisation?.Organisation;
        var chain = contacts!.Choose(e);
        if (chain.Chosen is not { } contact)
        {
            var problem = org is not null && route == Route.Direct
                ? $"{org.Name} has no usable contact (security.txt, registry) and no abuse contact is known for its network: an analyst must find a recipient"
                : e.Event.SourceAsn is { } asn
                    ? $"no abuse contact is known for AS{asn}: an analyst must find a recipient"
                    : "the AS is unknown, so no network owner can be warned: an analyst must find a recipient";
            return new RecipientChoice(null, null, null, problem) { Chain = chain.Contacts.Count > 0 ? chain : null };
        }
        var organisations = chain.IsOrganisations;
        var name = organisations ? org?.Name : e.NetworkOwner?.Name ?? (e.Event.SourceAsn is { } a ? $"AS{a}" : null);
        var email = contact.Kind == Contacts.ContactKind.Email ? contact.Address : null;
        return new RecipientChoice(email, name, null, null)
        {
            Phone = email is null ? contact.Address : null,
            Chain = chain,
            // The chain, not the rule, knows whose contact it found: the organisation's own (security.txt, registry) or the network owner's.
            Reroute = (route, organisations) switch
            {
                (Route.Direct, false) => Route.NetworkOwner,
                (Route.NetworkOwner, true) => Route.Direct,
                _ => null,
            },
        };
    }
}

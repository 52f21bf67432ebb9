using Herald.Contacts;
using Herald.Enrich;
using Herald.Storage;

namespace Herald.Decide;

/// <summary>
/// The first decision step (the assessment framework replaces it): outside the constituency → discard;
/// vital → national CSIRT; partner member → that partner; otherwise the first contact of the fallback chain
/// (<see cref="RecipientSelector"/>): the organisation directly, or else the network owner; and hold for review
/// whenever no recipient can be found.
/// </summary>
public sealed class FirstDecider(DecisionOptions options, IReadOnlyDictionary<string, Partner> partners, RecipientSelector recipients) : IDecider
{
    public Directive Decide(EnrichedEvent e)
    {
        var ev = e.Event;
        var template = ev.ClassificationIdentifier is { Length: > 0 } id ? id : "type-" + (ev.ClassificationType ?? "other");
        var reasons = new List<string>(4);
        var org = e.Organisation?.Organisation;

        if (e.Country is { } cc && !options.Constituency.Contains(cc))
        {
            reasons.Add($"source.geolocation.cc {cc} is outside the constituency ({string.Join(", ", options.Constituency)})");
            return Make(Route.Discard, null, null, null, null);
        }
        if (e.Organisation is { } match) reasons.Add(match.Reason);
        else if (e.Country is null)
        {
            reasons.Add("no country is known for the address and no registered organisation matches");
            return Make(Route.HoldForReview, null, null, null, null);
        }
        else reasons.Add($"source.geolocation.cc {e.Country} is inside the constituency; no registered organisation matches");

        if (org is { Vital: true })
        {
            reasons.Add($"{org.Name} is in a vital sector ({org.Sector ?? "sector unknown"}): the national CSIRT warns it");
            return ToPartner(Route.NationalCsirt, options.NationalCsirtCode);
        }
        if (org is { PartnerCode: { Length: > 0 } partnerCode })
        {
            reasons.Add($"{org.Name} is a member of partner '{partnerCode}': the partner warns it");
            return ToPartner(Route.Partner, partnerCode);
        }
        // Who to warn directly is the fallback chain's business (security.txt, registry, network owner).
        var choice = recipients.Choose(e);
        if (choice.Chosen is { } contact)
        {
            var route = choice.IsOrganisations ? Route.Direct : Route.NetworkOwner;
            var owner = e.NetworkOwner;
            var name = route == Route.Direct ? org!.Name : owner?.Name ?? (ev.SourceAsn is { } a ? $"AS{a}" : null);
            reasons.Add(route == Route.Direct
                ? $"{org!.Name} is warned directly at {contact.Address} ({ContactChoice.Describe(contact.Source)})"
                : $"the network owner{(name is null ? "" : " " + name)} is warned at {contact.Address} ({ContactChoice.Describe(contact.Source)}) and expected to pass it on");
            if (choice.Contacts.Any(c => c.Status == ContactStatus.Bounced))
                reasons.Add("contacts that bounced hard were skipped");
            var email = contact.Kind == ContactKind.Email ? contact.Address : null;
            if (email is null) reasons.Add($"the only usable contact is a phone number: an analyst calls {contact.Address}");
            return Make(route, email, name, org?.Id, null) with
            {
                RecipientPhone = email is null ? contact.Address : null,
                Contacts = choice,
                AggregationKey = $"{route}|{contact.Address}",
            };
        }
        if (org is not null) reasons.Add($"{org.Name} has no usable contact (security.txt, registry)");
        reasons.Add(ev.SourceAsn is { } asn
            ? $"no abuse contact is known for AS{asn}: an analyst must find a recipient"
            : "the AS is unknown, so no network owner can be warned: an analyst must find a recipient");
        return Make(Route.HoldForReview, null, null, org?.Id, null) with { Contacts = choice.Contacts.Count > 0 ? choice : null };

        Directive ToPartner(Route route, string code)
        {
            if (partners.TryGetValue(code, out var partner))
                return Make(route, partner.Email, partner.Name, org?.Id, partner.Code);
            reasons.Add($"partner '{code}' is not in the partner registry: held for review");
            return Make(Route.HoldForReview, null, null, org?.Id, code);
        }

        Directive Make(Route route, string? recipient, string? name, long? orgId, string? partner) =>
            new(route, recipient, name, orgId, partner, template,
                route is Route.Discard or Route.HoldForReview ? route.ToString() : $"{route}|{recipient}", reasons);
    }
}

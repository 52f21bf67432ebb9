using Herald.Enrich;
using Herald.Storage;

namespace Herald.Decide;

/// <summary>
/// The first decision step (the assessment framework replaces it): outside the constituency → discard;
/// vital → national CSIRT; partner member → that partner; organisation with a contact → direct;
/// otherwise → the network owner; and hold for review whenever no recipient can be found.
/// </summary>
public sealed class FirstDecider(DecisionOptions options, IReadOnlyDictionary<string, Partner> partners) : IDecider
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
        if (org is { ContactEmail: { Length: > 0 } email })
        {
            reasons.Add($"{org.Name} has a registry contact: warned directly");
            return Make(Route.Direct, email, org.Name, org.Id, null);
        }
        if (org is not null) reasons.Add($"{org.Name} has no e-mail contact in the registry");

        if (e.NetworkOwner is { } owner)
        {
            reasons.Add($"the network owner of AS{owner.Asn} ({owner.Name}) is warned and expected to pass it on");
            return Make(Route.NetworkOwner, owner.AbuseEmail, owner.Name, org?.Id, null);
        }
        reasons.Add(ev.SourceAsn is { } asn
            ? $"no abuse contact is known for AS{asn}: an analyst must find a recipient"
            : "the AS is unknown, so no network owner can be warned: an analyst must find a recipient");
        return Make(Route.HoldForReview, null, null, org?.Id, null);

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

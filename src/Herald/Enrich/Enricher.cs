using Herald.Events;
using Herald.Storage;

namespace Herald.Enrich;

/// <summary>Adds AS, country, organisation and network owner to an event. Never fails: what cannot be found stays empty.</summary>
public sealed class Enricher(RoutingTable? routing, OrganisationMatcher organisations, IReadOnlyDictionary<long, NetworkOwner> networkOwners)
{
    /// <summary>Country codes that mean "unknown" in reports (Shadowserver's anonymised samples use ZZ).</summary>
    private static bool IsUnknownCountry(string? cc) => cc is null or "ZZ" or "XX" or "EU" or "AP";

    public EnrichedEvent Enrich(Event e)
    {
        if (routing is not null && e.SourceIp is { } ip)
        {
            // The report's own values win: they were true when the scan ran; the table fills the gaps.
            if (routing.FindAs(ip) is { } asInfo)
            {
                e.SourceAsn ??= asInfo.Number;
                if (e.SourceAsn == asInfo.Number) e.SourceAsName ??= asInfo.Name;
            }
            if (IsUnknownCountry(e.SourceGeolocationCc) && routing.FindCountry(ip) is { } cc)
                e.SourceGeolocationCc = cc;
        }
        var country = IsUnknownCountry(e.SourceGeolocationCc) ? null : e.SourceGeolocationCc;
        var owner = e.SourceAsn is { } asn && networkOwners.TryGetValue(asn, out var o) ? o : null;
        return new EnrichedEvent(e, organisations.Match(e), owner, country);
    }
}

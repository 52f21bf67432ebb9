using System.Globalization;
using Herald.Enrich;

namespace Herald.Decide.Suppress;

/// <summary>Organisation (or, without one, the AS), asset and issue: what "the same thing again" means.</summary>
public readonly record struct SightingKey(string Organisation, string Asset, string Issue)
{
    public static SightingKey Of(EnrichedEvent e, string? reportType)
    {
        var ev = e.Event;
        var organisation = e.Organisation is { } m ? "org:" + m.Organisation.Id.ToString(CultureInfo.InvariantCulture)
            : ev.SourceAsn is { } asn ? "as:" + asn.ToString(CultureInfo.InvariantCulture) : "-";
        var asset = ev.SourceIp is { } ip
            ? ev.SourcePort is { } port ? ip + ":" + port.ToString(CultureInfo.InvariantCulture) : ip.ToString()
            : ev.HostName ?? ev.SourceUrl ?? "-";
        var issue = ev.ClassificationIdentifier ?? ev.ClassificationType ?? reportType ?? "-";
        return new SightingKey(organisation, asset, issue);
    }
}

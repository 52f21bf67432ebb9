using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Herald.Enrich;

namespace Herald.Decide.Suppress;

/// <summary>
/// Organisation (or, without one, the AS), asset and issue: what "the same thing again" means. Held as
/// numbers where it can (built for every event, so it allocates nothing); stored as text.
/// </summary>
/// <param name="Owner">The organisation id (positive), or the AS as <c>-(asn + 1)</c>, or 0 when neither is known.</param>
/// <param name="Address">The IPv6 address, or the IPv4 address mapped into IPv6; 0 with <paramref name="Host"/> when there is none.</param>
public readonly record struct SightingKey(long Owner, UInt128 Address, int Port, string? Host, string Issue)
{
    private static readonly UInt128 V4Mapped = (UInt128)0xFFFF << 32;

    public static SightingKey Of(EnrichedEvent e, string? reportType)
    {
        var ev = e.Event;
        var owner = e.Organisation is { } m ? m.Organisation.Id : ev.SourceAsn is { } asn ? -(asn + 1) : 0;
        var issue = ev.ClassificationIdentifier ?? ev.ClassificationType ?? reportType ?? "-";
        if (ev.SourceIp is not { } ip) return new SightingKey(owner, 0, 0, ev.HostName ?? ev.SourceUrl ?? "-", issue);
        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out var length);
        var address = length == 4 ? V4Mapped | BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return new SightingKey(owner, address, ev.SourcePort ?? 0, null, issue);
    }

    // Written out: the generated hash of a record struct spreads these keys badly (a dictionary of them crawled).
    public bool Equals(SightingKey other) =>
        Owner == other.Owner && Address == other.Address && Port == other.Port && Host == other.Host && Issue == other.Issue;

    public override int GetHashCode() =>
        HashCode.Combine(Owner, (ulong)Address, (ulong)(Address >> 64), Port, Host, Issue);

    /// <summary><c>org:&lt;id&gt;</c>, <c>as:&lt;number&gt;</c> or <c>-</c>.</summary>
    public string OrganisationText => Owner > 0 ? "org:" + Owner.ToString(CultureInfo.InvariantCulture)
        : Owner < 0 ? "as:" + (-Owner - 1).ToString(CultureInfo.InvariantCulture) : "-";

    /// <summary><c>192.0.2.1:443</c>, <c>[2001:db8::1]:443</c>, or the host name.</summary>
    public string AssetText
    {
        get
        {
            if (Host is not null) return Host;
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt128BigEndian(bytes, Address);
            var ip = new IPAddress(bytes);
            var v4 = (Address >> 32) == 0xFFFF;
            var text = v4 ? ip.MapToIPv4().ToString() : "[" + ip + "]";
            return Port == 0 ? text : text + ":" + Port.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The key of a stored sighting; null when its texts are not in the form this type writes.</summary>
    public static SightingKey? Parse(string organisation, string asset, string issue)
    {
        long owner;
        if (organisation == "-") owner = 0;
        else if (organisation.StartsWith("org:", StringComparison.Ordinal) && long.TryParse(organisation.AsSpan(4), CultureInfo.InvariantCulture, out var id)) owner = id;
        else if (organisation.StartsWith("as:", StringComparison.Ordinal) && long.TryParse(organisation.AsSpan(3), CultureInfo.InvariantCulture, out var asn)) owner = -(asn + 1);
        else return null;

        var colon = asset.LastIndexOf(':');
        var port = 0;
        var address = asset;
        if (colon > 0 && (asset.StartsWith('[') ? asset[colon - 1] == ']' : asset.IndexOf(':') == colon)
            && int.TryParse(asset.AsSpan(colon + 1), CultureInfo.InvariantCulture, out port))
            address = asset[..colon];
        address = address.Trim('[', ']');
        if (!IPAddress.TryParse(address, out var ip)) return new SightingKey(owner, 0, 0, asset, issue);
        var probe = new Enrich.EnrichedEvent(new Events.Event { SourceIp = ip, SourcePort = port == 0 ? null : port, ClassificationIdentifier = issue }, null, null, null);
        return Of(probe, null) with { Owner = owner };
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Herald.Events;
using Herald.Storage;

namespace Herald.Enrich;

/// <summary>Finds the organisation an event belongs to: by IP (most specific range wins), by host name, by AS.</summary>
/// <remarks>
/// IP ranges are kept per prefix length, so a lookup is one hash probe per length in use, longest first:
/// the first hit is the most specific range.
/// </remarks>
public sealed class OrganisationMatcher
{
    private readonly (int Length, Dictionary<uint, OrganisationMatch> Ranges)[] _v4;
    private readonly (int Length, Dictionary<UInt128, OrganisationMatch> Ranges)[] _v6;
    private readonly Dictionary<string, OrganisationMatch> _domains;
    private readonly Dictionary<long, OrganisationMatch> _asns;

    public OrganisationMatcher(IEnumerable<Organisation> organisations)
    {
        var v4 = new SortedDictionary<int, Dictionary<uint, OrganisationMatch>>();
        var v6 = new SortedDictionary<int, Dictionary<UInt128, OrganisationMatch>>();
        _domains = new Dictionary<string, OrganisationMatch>(StringComparer.OrdinalIgnoreCase);
        _asns = [];
        Span<byte> bytes = stackalloc byte[16];
        foreach (var o in organisations)
        {
            var contact = o.Contacts.FirstOrDefault(c => !string.IsNullOrEmpty(c.Email));
            var phone = o.Contacts.FirstOrDefault(c => !string.IsNullOrEmpty(c.Phone))?.Phone;
            var info = new OrganisationInfo(o.Id, o.KvkNumber, o.Name, o.Sector, o.Vital, o.PartnerCode,
                contact?.Email, phone, contact?.Languages ?? "nl,en");
            foreach (var asset in o.Assets)
            {
                switch (asset.Kind)
                {
                    case AssetKind.Network when IPNetwork.TryParse(asset.Value, out var net):
                        var match = new OrganisationMatch(info, $"source.ip is in {net}, registered to {o.Name} (KvK {o.KvkNumber})");
                        net.BaseAddress.TryWriteBytes(bytes, out _);
                        if (net.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
                        {
                            if (!v4.TryGetValue(net.PrefixLength, out var d)) v4[net.PrefixLength] = d = [];
                            d.TryAdd(BinaryPrimitives.ReadUInt32BigEndian(bytes), match);
                        }
                        else
                        {
                            if (!v6.TryGetValue(net.PrefixLength, out var d)) v6[net.PrefixLength] = d = [];
                            d.TryAdd(BinaryPrimitives.ReadUInt128BigEndian(bytes), match);
                        }
                        break;
                    case AssetKind.Domain:
                        _domains.TryAdd(asset.Value.TrimEnd('.'), new OrganisationMatch(info, $"the host name is in {asset.Value}, registered to {o.Name} (KvK {o.KvkNumber})"));
                        break;
                    case AssetKind.Asn when long.TryParse(asset.Value.AsSpan().TrimStart("ASas"), out var asn):
                        _asns.TryAdd(asn, new OrganisationMatch(info, $"source.asn AS{asn} is registered to {o.Name} (KvK {o.KvkNumber})"));
                        break;
                    case AssetKind.Network:
                    case AssetKind.Asn:
                        break; // Unparseable values are refused at import; nothing to match here.
                }
            }
        }
        _v4 = v4.Reverse().Select(p => (p.Key, p.Value)).ToArray();
        _v6 = v6.Reverse().Select(p => (p.Key, p.Value)).ToArray();
    }

    public static OrganisationMatcher Empty { get; } = new([]);

    public OrganisationMatch? Match(Event e) =>
        (e.SourceIp is { } ip ? MatchIp(ip) : null)
        ?? (e.HostName is { } host ? MatchHost(host) : null)
        ?? (e.SourceAsn is { } asn && _asns.TryGetValue(asn, out var byAsn) ? byAsn : null);

    public OrganisationMatch? MatchIp(IPAddress ip)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!ip.TryWriteBytes(bytes, out var written)) return null;
        if (written == 4)
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            foreach (var (length, ranges) in _v4)
            {
                var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
                if (ranges.TryGetValue(value & mask, out var m)) return m;
            }
            return null;
        }
        var v6 = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        foreach (var (length, ranges) in _v6)
        {
            var mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
            if (ranges.TryGetValue(v6 & mask, out var m)) return m;
        }
        return null;
    }

    /// <summary>Walks from the full host name up to its registered domain, so www.example.nl finds example.nl.</summary>
    public OrganisationMatch? MatchHost(string host)
    {
        var name = host.AsSpan().TrimEnd('.');
        var lookup = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        while (true)
        {
            if (lookup.TryGetValue(name, out var m)) return m;
            var dot = name.IndexOf('.');
            if (dot < 0) return null;
            name = name[(dot + 1)..];
        }
    }
}

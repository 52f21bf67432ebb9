using System.Net;
using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Contacts;

/// <summary>
/// The imported RIPE networks and AS numbers that have an abuse mailbox, in memory: the most specific network
/// holding an address wins. Ranges are sorted by start (larger first on equal starts); RIPE's ranges nest, so
/// walking back from the last start at or below the address, the first range that holds it is the most specific.
/// </summary>
public sealed class RipeAbuseTable
{
    private readonly (UInt128 Start, UInt128 End, DiscoveredContact Contact)[] _networks;
    private readonly Dictionary<long, DiscoveredContact> _asns;

    private RipeAbuseTable((UInt128, UInt128, DiscoveredContact)[] networks, Dictionary<long, DiscoveredContact> asns)
    {
        _networks = networks;
        _asns = asns;
    }

    public static RipeAbuseTable Empty { get; } = new([], []);

    public int Count => _networks.Length + _asns.Count;

    public static async Task<RipeAbuseTable> LoadAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var networks = new List<(UInt128, UInt128, DiscoveredContact)>();
        await foreach (var n in db.RipeNetworks.AsNoTracking().Where(n => n.AbuseMailbox != null)
                           .Select(n => new { n.Start, n.End, n.Range, n.AbuseMailbox, n.AbuseC, n.Org, n.ImportedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            networks.Add((IpKey.Parse(n.Start), IpKey.Parse(n.End),
                new DiscoveredContact(n.AbuseMailbox!, ContactKind.Email, ContactSource.RipeDatabase, $"RIPE {n.Range} ({Via(n.AbuseC, n.Org)})", n.ImportedAt)));
        networks.Sort((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : b.Item2.CompareTo(a.Item2));
        var asns = await db.RipeAutNums.AsNoTracking().Where(a => a.AbuseMailbox != null)
            .ToDictionaryAsync(a => a.Asn, a => new DiscoveredContact(a.AbuseMailbox!, ContactKind.Email, ContactSource.RipeDatabase,
                $"RIPE AS{a.Asn} ({Via(a.AbuseC, a.Org)})", a.ImportedAt), cancellationToken);
        return new RipeAbuseTable([.. networks], asns);
    }

    private static string Via(string? abuseC, string? org) => abuseC is not null ? "abuse-c " + abuseC : "abuse-c of " + org;

    /// <summary>The abuse mailbox of the most specific network holding <paramref name="address"/>, or null.</summary>
    public DiscoveredContact? Find(IPAddress address)
    {
        var value = IpKey.ToNumber(address);
        int lo = 0, hi = _networks.Length - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_networks[mid].Start <= value)
            {
                last = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        for (var i = last; i >= 0; i--)
            if (_networks[i].End >= value) return _networks[i].Contact;
        return null;
    }

    public DiscoveredContact? Find(long asn) => _asns.GetValueOrDefault(asn);
}

using System.Runtime.CompilerServices;
using Herald.Enrich;

namespace Herald.Registry;

/// <summary>
/// The address space synthetic data is drawn from: Dutch routed space (ranges whose country is NL, split where the AS
/// changes) and space abroad, from the real routing table; or documentation ranges when there is no routing table.
/// </summary>
internal sealed class DutchAddressSpace
{
    public const string Netherlands = "NL";

    private static readonly ConditionalWeakTable<RoutingTable, DutchAddressSpace> Cache = [];
    private static readonly Lazy<DutchAddressSpace> LazyDocumentation = new(CreateDocumentation);

    private DutchAddressSpace(AddressBlocks dutch, AddressBlocks abroad, bool documentation, Dictionary<long, ulong> v4SizeByAs)
    {
        Dutch = dutch;
        Abroad = abroad;
        IsDocumentation = documentation;
        V4SizeByAs = v4SizeByAs;
    }

    /// <summary>Dutch routed space, each block within one AS.</summary>
    public AddressBlocks Dutch { get; }

    /// <summary>Routed space outside the Netherlands.</summary>
    public AddressBlocks Abroad { get; }

    /// <summary>True when there was no routing table with countries, and the documentation ranges stand in.</summary>
    public bool IsDocumentation { get; }

    /// <summary>How many IPv4 addresses each AS announces worldwide, to tell an AS that is wholly Dutch.</summary>
    public IReadOnlyDictionary<long, ulong> V4SizeByAs { get; }

    /// <summary>The documentation ranges of RFC 5737 and RFC 3849 with the documentation AS numbers of RFC 5398; abroad is RFC 2544's benchmark range and RFC 9637's 3fff::/20.</summary>
    public static DutchAddressSpace Documentation => LazyDocumentation.Value;

    /// <summary>The space of a routing table, computed once per table; the documentation space when it has no country data.</summary>
    public static DutchAddressSpace For(RoutingTable? routing) =>
        routing?.Countries is null ? Documentation : Cache.GetValue(routing, Create);

    private static DutchAddressSpace Create(RoutingTable routing)
    {
        var countries = routing.Countries!;
        var dutchV4 = new List<(uint, uint)>();
        var abroadV4 = new List<(uint, uint, AsInfo?)>();
        foreach (var (start, end, country) in countries.V4Ranges())
        {
            if (country == Netherlands) dutchV4.Add((start, end));
            else abroadV4.Add((start, end, null));
        }
        var dutchV6 = new List<(UInt128, UInt128)>();
        var abroadV6 = new List<(UInt128, UInt128, AsInfo?)>();
        foreach (var (start, end, country) in countries.V6Ranges())
        {
            if (country == Netherlands) dutchV6.Add((start, end));
            else abroadV6.Add((start, end, null));
        }
        if (dutchV4.Count == 0) return Documentation;
        var sizes = new Dictionary<long, ulong>();
        foreach (var (start, end, asInfo) in routing.Asns.V4Ranges())
            sizes[asInfo.Number] = sizes.GetValueOrDefault(asInfo.Number) + end - start + 1;
        return new DutchAddressSpace(
            new AddressBlocks(Intersect(dutchV4, routing.Asns.V4Ranges()), Intersect(dutchV6, routing.Asns.V6Ranges())),
            new AddressBlocks(abroadV4, abroadV6),
            documentation: false,
            sizes);
    }

    /// <summary>Cuts the Dutch ranges where the AS changes; both inputs are sorted and non-overlapping, so one pass does it.</summary>
    private static List<(T Start, T End, AsInfo? As)> Intersect<T>(List<(T Start, T End)> dutch, IEnumerable<(T Start, T End, AsInfo Value)> asns)
        where T : struct, IComparable<T>
    {
        var blocks = new List<(T, T, AsInfo?)>();
        var k = 0;
        foreach (var (start, end, asInfo) in asns)
        {
            while (k < dutch.Count && dutch[k].End.CompareTo(start) < 0) k++;
            for (var m = k; m < dutch.Count && dutch[m].Start.CompareTo(end) <= 0; m++)
            {
                var from = dutch[m].Start.CompareTo(start) > 0 ? dutch[m].Start : start;
                var to = dutch[m].End.CompareTo(end) < 0 ? dutch[m].End : end;
                if (from.CompareTo(to) <= 0) blocks.Add((from, to, asInfo));
            }
        }
        return blocks;
    }

    private static DutchAddressSpace CreateDocumentation()
    {
        var dutch = new AddressBlocks(
            [
                (0xC0000200u, 0xC00002FFu, new AsInfo(64496, "Documentation range 192.0.2.0/24")),
                (0xC6336400u, 0xC63364FFu, new AsInfo(64497, "Documentation range 198.51.100.0/24")),
                (0xCB007100u, 0xCB0071FFu, new AsInfo(64498, "Documentation range 203.0.113.0/24")),
            ],
            [(new UInt128(0x20010DB800000000UL, 0), new UInt128(0x20010DB8FFFFFFFFUL, ulong.MaxValue), new AsInfo(64499, "Documentation range 2001:db8::/32"))]);
        var abroad = new AddressBlocks(
            [(0xC6120000u, 0xC613FFFFu, null)],
            [(new UInt128(0x3FFF000000000000UL, 0), new UInt128(0x3FFF0FFFFFFFFFFFUL, ulong.MaxValue), null)]);
        return new DutchAddressSpace(dutch, abroad, documentation: true, []);
    }
}

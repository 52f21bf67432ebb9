using System.Net;
using System.Net.Sockets;
using Herald.Enrich;
using Herald.Storage;

namespace Herald.Registry;

/// <summary>
/// Address pickers for synthetic reports, so a caller controls the mix: addresses inside a registry's networks,
/// Dutch routed addresses that belong to no organisation, and addresses outside the Netherlands; spread over the
/// real routing table when there is one, over the documentation ranges otherwise.
/// </summary>
public sealed class SyntheticAddresses
{
    private const int Attempts = 1000;

    private readonly DutchAddressSpace _space;
    private readonly (uint Start, uint End)[] _v4Networks;
    private readonly (UInt128 Start, UInt128 End)[] _v6Networks;
    private readonly uint[] _v4MergedStart;
    private readonly uint[] _v4MergedEnd;
    private readonly UInt128[] _v6MergedStart;
    private readonly UInt128[] _v6MergedEnd;

    private SyntheticAddresses(DutchAddressSpace space, List<(uint, uint)> v4, List<(UInt128, UInt128)> v6)
    {
        _space = space;
        _v4Networks = [.. v4];
        _v6Networks = [.. v6];
        (_v4MergedStart, _v4MergedEnd) = Merge(v4);
        (_v6MergedStart, _v6MergedEnd) = Merge(v6);
    }

    /// <summary>True when there was no routing table and the documentation ranges stand in for Dutch and foreign space.</summary>
    public bool UsesDocumentationRanges => _space.IsDocumentation;

    /// <summary>Prepares pickers for the networks of <paramref name="organisations"/> and the space of <paramref name="routing"/>.</summary>
    public static SyntheticAddresses Create(RoutingTable? routing, IEnumerable<Organisation> organisations)
    {
        var v4 = new List<(uint, uint)>();
        var v6 = new List<(UInt128, UInt128)>();
        foreach (var organisation in organisations)
        {
            foreach (var asset in organisation.Assets)
            {
                if (asset.Kind != AssetKind.Network || !IPNetwork.TryParse(asset.Value, out var network)) continue;
                if (IpMath.IsV4(network)) v4.Add(IpMath.V4Range(network));
                else v6.Add(IpMath.V6Range(network));
            }
        }
        return new SyntheticAddresses(DutchAddressSpace.For(routing), v4, v6);
    }

    /// <summary>An address inside one of the registry's networks (each network as likely as any other).</summary>
    public IPAddress InRegistry(DeterministicRandom random, AddressFamily family)
    {
        var v6 = family == AddressFamily.InterNetworkV6 ? _v6Networks.Length > 0 : _v4Networks.Length == 0;
        if (v6 && _v6Networks.Length > 0)
        {
            var (start, end) = _v6Networks[random.Next(_v6Networks.Length)];
            return IpMath.V6(start + random.NextUInt128(end - start == UInt128.MaxValue ? UInt128.Zero : end - start + 1));
        }
        if (_v4Networks.Length == 0) throw new InvalidOperationException("The registry has no networks to pick addresses in.");
        var (first, last) = _v4Networks[random.Next(_v4Networks.Length)];
        // Not the network or broadcast address of a subnet, where no host answers.
        if (last - first >= 3) (first, last) = (first + 1, last - 1);
        return IpMath.V4(first + (uint)random.NextUInt64((ulong)(last - first) + 1));
    }

    /// <summary>An address in Dutch routed space that is in none of the registry's networks.</summary>
    public IPAddress DutchUnregistered(DeterministicRandom random, AddressFamily family)
    {
        var dutch = _space.Dutch;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (family == AddressFamily.InterNetworkV6 && dutch.V6Count > 0)
            {
                var address = dutch.PickV6Address(random);
                if (!Inside(_v6MergedStart, _v6MergedEnd, address)) return IpMath.V6(address);
            }
            else
            {
                var address = dutch.PickV4Address(random);
                if (!Inside(_v4MergedStart, _v4MergedEnd, address)) return IpMath.V4(address);
            }
        }
        throw new InvalidOperationException($"{Attempts} Dutch addresses in a row belonged to an organisation; the registry covers (nearly) all Dutch space.");
    }

    /// <summary>An address outside the Netherlands.</summary>
    public IPAddress Abroad(DeterministicRandom random, AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 && _space.Abroad.V6Count > 0
            ? IpMath.V6(_space.Abroad.PickV6Address(random))
            : IpMath.V4(_space.Abroad.PickV4Address(random));

    /// <summary>A picker that asks one of <paramref name="parts"/>, each with a chance in proportion to its weight.</summary>
    public static AddressPicker Mix(params (double Weight, AddressPicker Picker)[] parts)
    {
        if (parts.Length == 0 || parts.Any(p => p.Weight < 0) || parts.Sum(p => p.Weight) <= 0)
            throw new ArgumentException("Give at least one picker, with weights that are not negative and not all zero.", nameof(parts));
        var total = parts.Sum(p => p.Weight);
        return (random, family) =>
        {
            var roll = random.NextDouble() * total;
            foreach (var (weight, picker) in parts)
            {
                if (roll < weight) return picker(random, family);
                roll -= weight;
            }
            return parts[^1].Picker(random, family);
        };
    }

    private static bool Inside<T>(T[] starts, T[] ends, T address) where T : IComparable<T>
    {
        var i = Array.BinarySearch(starts, address);
        if (i < 0) i = ~i - 1;
        return i >= 0 && address.CompareTo(ends[i]) <= 0;
    }

    /// <summary>The union of the networks as sorted, disjoint ranges (nested networks make the plain list overlap).</summary>
    private static (T[] Starts, T[] Ends) Merge<T>(List<(T Start, T End)> ranges) where T : struct, IComparable<T>
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        var starts = new List<T>();
        var ends = new List<T>();
        foreach (var (start, end) in sorted)
        {
            if (ends.Count > 0 && start.CompareTo(ends[^1]) <= 0)
            {
                if (end.CompareTo(ends[^1]) > 0) ends[^1] = end;
                continue;
            }
            starts.Add(start);
            ends.Add(end);
        }
        return ([.. starts], [.. ends]);
    }
}

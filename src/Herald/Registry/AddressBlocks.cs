using Herald.Enrich;

namespace Herald.Registry;

/// <summary>Sorted, non-overlapping address blocks (IPv4 and IPv6), each with its AS when known, to pick addresses from.</summary>
/// <remarks>IPv4 picks are uniform over the addresses (big blocks are picked more often, as in real traffic); IPv6 picks are uniform over the blocks, since sizes differ by factors of billions.</remarks>
internal sealed class AddressBlocks
{
    private readonly uint[] _v4Start;
    private readonly uint[] _v4End;
    private readonly AsInfo?[] _v4As;
    private readonly ulong[] _v4Cumulative;
    private readonly UInt128[] _v6Start;
    private readonly UInt128[] _v6End;
    private readonly AsInfo?[] _v6As;

    public AddressBlocks(List<(uint Start, uint End, AsInfo? As)> v4, List<(UInt128 Start, UInt128 End, AsInfo? As)> v6)
    {
        v4.Sort((a, b) => a.Start.CompareTo(b.Start));
        v6.Sort((a, b) => a.Start.CompareTo(b.Start));
        _v4Start = new uint[v4.Count];
        _v4End = new uint[v4.Count];
        _v4As = new AsInfo?[v4.Count];
        _v4Cumulative = new ulong[v4.Count];
        ulong total = 0;
        for (var i = 0; i < v4.Count; i++)
        {
            (_v4Start[i], _v4End[i], _v4As[i]) = v4[i];
            total += (ulong)(v4[i].End - v4[i].Start) + 1;
            _v4Cumulative[i] = total;
        }
        _v6Start = new UInt128[v6.Count];
        _v6End = new UInt128[v6.Count];
        _v6As = new AsInfo?[v6.Count];
        for (var i = 0; i < v6.Count; i++) (_v6Start[i], _v6End[i], _v6As[i]) = v6[i];
    }

    public int V4Count => _v4Start.Length;
    public int V6Count => _v6Start.Length;
    public ulong V4Addresses => _v4Cumulative.Length == 0 ? 0 : _v4Cumulative[^1];

    public (uint Start, uint End, AsInfo? As) V4(int index) => (_v4Start[index], _v4End[index], _v4As[index]);

    public (UInt128 Start, UInt128 End, AsInfo? As) V6(int index) => (_v6Start[index], _v6End[index], _v6As[index]);

    /// <summary>A block picked with a chance in proportion to its size.</summary>
    public int PickV4Block(DeterministicRandom random) => FindCumulative(random.NextUInt64(V4Addresses));

    public uint PickV4Address(DeterministicRandom random)
    {
        var offset = random.NextUInt64(V4Addresses);
        var i = FindCumulative(offset);
        var before = i == 0 ? 0 : _v4Cumulative[i - 1];
        return _v4Start[i] + (uint)(offset - before);
    }

    public int PickV6Block(DeterministicRandom random) => random.Next(_v6Start.Length);

    public UInt128 PickV6Address(DeterministicRandom random)
    {
        var i = PickV6Block(random);
        var size = _v6End[i] - _v6Start[i];
        return _v6Start[i] + (size == UInt128.MaxValue ? random.NextUInt128(UInt128.Zero) : random.NextUInt128(size + 1));
    }

    /// <summary>The index of the block holding the address, or -1.</summary>
    public int FindV4(uint address)
    {
        var i = Array.BinarySearch(_v4Start, address);
        if (i < 0) i = ~i - 1;
        return i >= 0 && address <= _v4End[i] ? i : -1;
    }

    /// <summary>The index of the block holding the address, or -1.</summary>
    public int FindV6(UInt128 address)
    {
        var i = Array.BinarySearch(_v6Start, address);
        if (i < 0) i = ~i - 1;
        return i >= 0 && address <= _v6End[i] ? i : -1;
    }

    private int FindCumulative(ulong offset)
    {
        // The first block whose running total passes the offset.
        int lo = 0, hi = _v4Cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_v4Cumulative[mid] > offset) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}

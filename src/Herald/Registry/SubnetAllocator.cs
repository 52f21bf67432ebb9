namespace Herald.Registry;

/// <summary>
/// Hands out IPv4 subnets (/24 to /29) and IPv6 /48s that do not overlap. A /24 is either taken whole or shared by
/// smaller subnets, as an ISP does for its business customers; a bit mask per /24 tracks its thirty-two /29s.
/// </summary>
internal sealed class SubnetAllocator
{
    public const int SmallestV4 = 29;
    private const int SlotsPer24 = 32;

    private readonly Dictionary<uint, uint> _used24 = [];
    private readonly HashSet<UInt128> _used48 = [];

    /// <summary>Takes a subnet of <paramref name="prefixLength"/> (24 to 29) inside the /24 at <paramref name="start24"/>, at a random free place.</summary>
    public bool TryTake(uint start24, int prefixLength, DeterministicRandom random, out uint start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(prefixLength, 24);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, SmallestV4);
        var slots = 1 << (SmallestV4 - prefixLength);
        var mask = slots == SlotsPer24 ? uint.MaxValue : (1u << slots) - 1;
        _used24.TryGetValue(start24, out var used);
        var places = SlotsPer24 / slots;
        var first = random.Next(places);
        for (var i = 0; i < places; i++)
        {
            var place = (first + i) % places;
            var bits = mask << (place * slots);
            if ((used & bits) != 0) continue;
            _used24[start24] = used | bits;
            start = start24 + (uint)(place * slots * 8);
            return true;
        }
        start = 0;
        return false;
    }

    /// <summary>Marks [start, end] as taken (an organisation's own AS, space kept free), rounded out to whole /29s, so nothing is carved from it.</summary>
    public void Reserve(uint start, uint end)
    {
        for (var slot = (ulong)(start & ~7u); slot <= end; slot += 8)
        {
            var start24 = (uint)slot & 0xFFFFFF00u;
            _used24[start24] = _used24.GetValueOrDefault(start24) | (1u << (int)((slot & 0xFF) >> 3));
        }
    }

    public bool TryTakeV6(UInt128 start48) => _used48.Add(start48);
}

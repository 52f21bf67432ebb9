using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Herald.Enrich;

/// <summary>Non-overlapping IP ranges with a value each, looked up by binary search (IPv4 and IPv6).</summary>
/// <remarks>Built once from sorted data; lookups allocate nothing and take a few hundred nanoseconds.</remarks>
public sealed class IpRangeTable<TValue>
{
    private readonly uint[] _v4Start;
    private readonly uint[] _v4End;
    private readonly TValue[] _v4Value;
    private readonly UInt128[] _v6Start;
    private readonly UInt128[] _v6End;
    private readonly TValue[] _v6Value;

    private IpRangeTable(Builder builder)
    {
        builder.V4.Sort((a, b) => a.Start.CompareTo(b.Start));
        builder.V6.Sort((a, b) => a.Start.CompareTo(b.Start));
        _v4Start = builder.V4.Select(r => r.Start).ToArray();
        _v4End = builder.V4.Select(r => r.End).ToArray();
        _v4Value = builder.V4.Select(r => r.Value).ToArray();
        _v6Start = builder.V6.Select(r => r.Start).ToArray();
        _v6End = builder.V6.Select(r => r.End).ToArray();
        _v6Value = builder.V6.Select(r => r.Value).ToArray();
    }

    public int Count => _v4Start.Length + _v6Start.Length;

    public bool TryFind(IPAddress ip, out TValue value)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (ip.AddressFamily == AddressFamily.InterNetwork && ip.TryWriteBytes(bytes, out _))
            return TryFind(BinaryPrimitives.ReadUInt32BigEndian(bytes), out value);
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.TryWriteBytes(bytes, out _))
            return TryFind(BinaryPrimitives.ReadUInt128BigEndian(bytes), out value);
        value = default!;
        return false;
    }

    public bool TryFind(uint ip, out TValue value)
    {
        var i = LastAtOrBelow(_v4Start, ip);
        if (i >= 0 && ip <= _v4End[i])
        {
            value = _v4Value[i];
            return true;
        }
        value = default!;
        return false;
    }

    public bool TryFind(UInt128 ip, out TValue value)
    {
        var i = LastAtOrBelow(_v6Start, ip);
        if (i >= 0 && ip <= _v6End[i])
        {
            value = _v6Value[i];
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Every IPv4 range, for generators that need real address space.</summary>
    public IEnumerable<(uint Start, uint End, TValue Value)> V4Ranges()
    {
        for (var i = 0; i < _v4Start.Length; i++) yield return (_v4Start[i], _v4End[i], _v4Value[i]);
    }

    /// <summary>Every IPv6 range, for generators that need real address space.</summary>
    public IEnumerable<(UInt128 Start, UInt128 End, TValue Value)> V6Ranges()
    {
        for (var i = 0; i < _v6Start.Length; i++) yield return (_v6Start[i], _v6End[i], _v6Value[i]);
    }

    private static int LastAtOrBelow<T>(T[] starts, T key) where T : IComparable<T>
    {
        int lo = 0, hi = starts.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (starts[mid].CompareTo(key) <= 0)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>Collects ranges in any order; <see cref="Build"/> sorts them.</summary>
    public sealed class Builder
    {
        internal List<(uint Start, uint End, TValue Value)> V4 { get; } = [];
        internal List<(UInt128 Start, UInt128 End, TValue Value)> V6 { get; } = [];

        public void Add(uint start, uint end, TValue value) => V4.Add((start, end, value));

        public void Add(UInt128 start, UInt128 end, TValue value) => V6.Add((start, end, value));

        /// <summary>Adds a range given as two addresses of the same family; returns false otherwise.</summary>
        public bool Add(IPAddress start, IPAddress end, TValue value)
        {
            if (start.AddressFamily != end.AddressFamily) return false;
            Span<byte> a = stackalloc byte[16];
            Span<byte> b = stackalloc byte[16];
            if (!start.TryWriteBytes(a, out var la) || !end.TryWriteBytes(b, out _)) return false;
            if (la == 4) Add(BinaryPrimitives.ReadUInt32BigEndian(a), BinaryPrimitives.ReadUInt32BigEndian(b), value);
            else Add(BinaryPrimitives.ReadUInt128BigEndian(a), BinaryPrimitives.ReadUInt128BigEndian(b), value);
            return true;
        }

        public IpRangeTable<TValue> Build() => new(this);
    }
}

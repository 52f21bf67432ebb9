using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Herald.Registry;

/// <summary>Addresses and networks as numbers, for carving and picking address space.</summary>
internal static class IpMath
{
    public static IPAddress V4(uint address)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    public static IPAddress V6(UInt128 address)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    public static uint V4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        return address.TryWriteBytes(bytes, out var written) && written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
    }

    public static UInt128 V6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out var written) && written == 16
            ? BinaryPrimitives.ReadUInt128BigEndian(bytes)
            : throw new ArgumentException($"{address} is not an IPv6 address.", nameof(address));
    }

    /// <summary>The first and last address of an IPv4 network.</summary>
    public static (uint Start, uint End) V4Range(IPNetwork network)
    {
        var start = V4(network.BaseAddress);
        var size = network.PrefixLength == 0 ? uint.MaxValue : (1u << (32 - network.PrefixLength)) - 1;
        return (start, start + size);
    }

    /// <summary>The first and last address of an IPv6 network.</summary>
    public static (UInt128 Start, UInt128 End) V6Range(IPNetwork network)
    {
        var start = V6(network.BaseAddress);
        var size = network.PrefixLength == 0 ? UInt128.MaxValue : (UInt128.One << (128 - network.PrefixLength)) - 1;
        return (start, start + size);
    }

    public static bool IsV4(IPNetwork network) => network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;

    public static string V4Network(uint start, int prefixLength) => $"{V4(start)}/{prefixLength}";

    public static string V6Network(UInt128 start, int prefixLength) => $"{V6(start)}/{prefixLength}";

    /// <summary>The fewest CIDR networks that together cover exactly [start, end].</summary>
    public static IEnumerable<(uint Start, int PrefixLength)> V4Cidrs(uint start, uint end)
    {
        var current = (ulong)start;
        while (current <= end)
        {
            var prefix = 32 - Math.Min(current == 0 ? 32 : System.Numerics.BitOperations.TrailingZeroCount(current), 32);
            while (prefix < 32 && current + (1UL << (32 - prefix)) - 1 > end) prefix++;
            yield return ((uint)current, prefix);
            current += 1UL << (32 - prefix);
        }
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Herald.Net;

/// <summary>
/// Sorts IP addresses into <see cref="AddressCategory"/> after IANA's special-purpose address registries
/// (RFC 6890 and its updates). IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged
/// by the IPv4 address they carry, so that a private target cannot hide behind them.
/// </summary>
public static class AddressClassifier
{
    private static readonly (uint Prefix, int Bits, AddressCategory Category)[] V4 =
    [
        (0x00000000, 8, AddressCategory.Unspecified),      // 0.0.0.0/8 "this network"
        (0x0A000000, 8, AddressCategory.Private),          // 10.0.0.0/8
        (0x64400000, 10, AddressCategory.SharedAddressSpace), // 100.64.0.0/10
        (0x7F000000, 8, AddressCategory.Loopback),         // 127.0.0.0/8
        (0xA9FE0000, 16, AddressCategory.LinkLocal),       // 169.254.0.0/16
        (0xAC100000, 12, AddressCategory.Private),         // 172.16.0.0/12
        (0xC0000000, 24, AddressCategory.Reserved),        // 192.0.0.0/24 IETF protocol assignments
        (0xC0000200, 24, AddressCategory.Documentation),   // 192.0.2.0/24 TEST-NET-1
        (0xC0586300, 24, AddressCategory.Reserved),        // 192.88.99.0/24 6to4 relay anycast
        (0xC0A80000, 16, AddressCategory.Private),         // 192.168.0.0/16
        (0xC6120000, 15, AddressCategory.Benchmarking),    // 198.18.0.0/15
        (0xC6336400, 24, AddressCategory.Documentation),   // 198.51.100.0/24 TEST-NET-2
        (0xCB007100, 24, AddressCategory.Documentation),   // 203.0.113.0/24 TEST-NET-3
        (0xE0000000, 4, AddressCategory.Multicast),        // 224.0.0.0/4
        (0xFFFFFFFF, 32, AddressCategory.Broadcast),       // 255.255.255.255
        (0xF0000000, 4, AddressCategory.Reserved),         // 240.0.0.0/4 future use
    ];

    /// <summary>The category of <paramref name="address"/>.</summary>
    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressCategory.Reserved,
        };
    }

    /// <summary>How a refusal names the category: "a private address", "a loopback address", ...</summary>
    public static string Describe(AddressCategory category) => category switch
    {
        AddressCategory.Public => "a public address",
        AddressCategory.Unspecified => "an unspecified address",
        AddressCategory.Loopback => "a loopback address",
        AddressCategory.Private => "a private address",
        AddressCategory.UniqueLocal => "a unique local (private) address",
        AddressCategory.LinkLocal => "a link-local address",
        AddressCategory.SharedAddressSpace => "a shared (carrier-grade NAT) address",
        AddressCategory.Multicast => "a multicast address",
        AddressCategory.Broadcast => "a broadcast address",
        AddressCategory.Documentation => "a documentation address",
        AddressCategory.Benchmarking => "a benchmarking address",
        AddressCategory.Reserved => "a reserved address",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    private static AddressCategory ClassifyV4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return ClassifyV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    private static AddressCategory ClassifyV4(uint value)
    {
        foreach (var (prefix, bits, category) in V4)
        {
            var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
            if ((value & mask) == prefix) return category;
        }
        return AddressCategory.Public;
    }

    private static AddressCategory ClassifyV6(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (address.Equals(IPAddress.IPv6None)) return AddressCategory.Unspecified;
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressCategory.Loopback;
        if (address.IsIPv4MappedToIPv6) return ClassifyV4(BinaryPrimitives.ReadUInt32BigEndian(b[12..]));
        // ::/96 (IPv4-compatible, deprecated) and ::ffff:0:0:0/96 (IPv4-translated).
        if (b[..12].IndexOfAnyExcept((byte)0) < 0) return AddressCategory.Reserved;
        if (b[..8].IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0) return AddressCategory.Reserved;
        var first = BinaryPrimitives.ReadUInt16BigEndian(b);
        var second = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        // 64:ff9b::/96, the well-known NAT64 prefix, reaches the IPv4 address in its last 32 bits.
        if (first == 0x0064 && second == 0xFF9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
            return ClassifyV4(BinaryPrimitives.ReadUInt32BigEndian(b[12..]));
        if (first == 0x0064 && second == 0xFF9B) return AddressCategory.Reserved; // 64:ff9b:1::/48 local-use NAT64
        if (first == 0x0100 && b[2..8].IndexOfAnyExcept((byte)0) < 0) return AddressCategory.Reserved; // 100::/64 discard
        if (first == 0x2001 && second == 0x0DB8) return AddressCategory.Documentation; // 2001:db8::/32
        if (first == 0x2001 && second == 0x0002 && BinaryPrimitives.ReadUInt16BigEndian(b[4..]) == 0) return AddressCategory.Benchmarking; // 2001:2::/48
        if (first == 0x2001 && second < 0x0200) return AddressCategory.Reserved; // 2001::/23: Teredo, ORCHID, ...
        if (first == 0x2002) return ClassifyV4(BinaryPrimitives.ReadUInt32BigEndian(b[2..])); // 6to4 carries its IPv4 address
        if (first == 0x3FFF && (b[2] & 0xF0) == 0) return AddressCategory.Documentation; // 3fff::/20
        if ((first & 0xFE00) == 0xFC00) return AddressCategory.UniqueLocal;  // fc00::/7
        if ((first & 0xFFC0) == 0xFE80) return AddressCategory.LinkLocal;    // fe80::/10
        if ((first & 0xFFC0) == 0xFEC0) return AddressCategory.Private;      // fec0::/10 site-local, deprecated
        if ((first & 0xFF00) == 0xFF00) return AddressCategory.Multicast;    // ff00::/8
        if ((first & 0xE000) != 0x2000) return AddressCategory.Reserved;     // outside 2000::/3 global unicast
        return AddressCategory.Public;
    }
}

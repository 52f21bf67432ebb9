using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Herald.Contacts;

/// <summary>Addresses as 128-bit numbers (IPv4 mapped into ::ffff:0:0/96), and as fixed-width hex text for ordered storage.</summary>
internal static class IpKey
{
    public static UInt128 ToNumber(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) address = address.MapToIPv6();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static string ToText(UInt128 value) => value.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    public static UInt128 Parse(string text) => UInt128.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An inetnum range ("a - b") or an inet6num prefix ("2001:db8::/32").</summary>
    public static bool TryParseRange(string text, out UInt128 first, out UInt128 last)
    {
        first = last = 0;
        var dash = text.IndexOf('-');
        if (dash > 0)
        {
            if (!IPAddress.TryParse(text.AsSpan(0, dash).Trim(), out var a) || !IPAddress.TryParse(text.AsSpan(dash + 1).Trim(), out var b)
                || a.AddressFamily != b.AddressFamily) return false;
            first = ToNumber(a);
            last = ToNumber(b);
            return last >= first;
        }
        if (!IPNetwork.TryParse(text.Trim(), out var network)) return false;
        var bits = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        first = ToNumber(network.BaseAddress);
        var hostBits = bits - network.PrefixLength;
        last = first | (hostBits == 0 ? UInt128.Zero : (UInt128.One << hostBits) - 1);
        return true;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Herald.Events;

/// <summary>Parsing and formatting of field values shared by every parser and writer.</summary>
public static class EventValues
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>Parses a time; a value without an offset is UTC (Shadowserver reports are in UTC).</summary>
    public static bool TryParseTime(object value, out DateTimeOffset time)
    {
        switch (value)
        {
            case DateTimeOffset dto:
                time = dto;
                return true;
            case string s:
                return TryParseTime(s.AsSpan(), out time);
            default:
                time = default;
                return false;
        }
    }

    public static bool TryParseTime(ReadOnlySpan<char> s, out DateTimeOffset time)
    {
        s = s.Trim();
        if (s.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase)) s = s[..^4];
        if (s.EndsWith("Z", StringComparison.OrdinalIgnoreCase)) s = s[..^1];
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(s, TimeFormats, CultureInfo.InvariantCulture, styles, out time)) return true;
        // RFC 1123 dates, as in HTTP headers ("Wed, 10 Feb 2010 00:00:00 GMT").
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out time);
    }

    /// <summary>The IntelMQ form of a time: ISO 8601 with an explicit offset.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(time.Millisecond == 0 && time.Microsecond == 0
            ? "yyyy-MM-dd'T'HH:mm:sszzz"
            : "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    public static bool TryParseIp(ReadOnlySpan<char> s, out IPAddress ip)
    {
        s = s.Trim();
        if (s.IsEmpty || s.Contains('/') || !IPAddress.TryParse(s, out var parsed) || parsed is null)
        {
            ip = IPAddress.None;
            return false;
        }
        // IPAddress.TryParse accepts "1" or "1.2" (inet_aton forms); harmonised data does not.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && s.Count('.') != 3)
        {
            ip = IPAddress.None;
            return false;
        }
        ip = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    public static bool TryParseInteger(object value, out long result)
    {
        switch (value)
        {
            case long l: result = l; return true;
            case int i: result = i; return true;
            case double d when d == Math.Floor(d) && Math.Abs(d) < 1e15: result = (long)d; return true;
            case string s: return long.TryParse(s.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
            default: result = 0; return false;
        }
    }

    public static bool IsValidFqdn(string s)
    {
        s = s.TrimEnd('.');
        if (s.Length is 0 or > 253 || !s.Contains('.') || IPAddress.TryParse(s, out _)) return false;
        foreach (var label in s.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            foreach (var c in label)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        }
        return true;
    }

    /// <summary>Finds CVE ids (CVE-YYYY-NNNN...) in free text, upper-cased, without duplicates, in order.</summary>
    public static IReadOnlyList<string> SplitCves(string text)
    {
        List<string>? found = null;
        var span = text.AsSpan();
        for (var i = 0; i + 13 <= span.Length; i++)
        {
            if ((span[i] | 0x20) != 'c' || (span[i + 1] | 0x20) != 'v' || (span[i + 2] | 0x20) != 'e' || span[i + 3] != '-') continue;
            if (i > 0 && char.IsAsciiLetterOrDigit(span[i - 1])) continue;
            var j = i + 4;
            var year = 0;
            while (j < span.Length && char.IsAsciiDigit(span[j]) && year < 4) { j++; year++; }
            if (year != 4 || j >= span.Length || span[j] != '-') continue;
            var start = ++j;
            while (j < span.Length && char.IsAsciiDigit(span[j])) j++;
            if (j - start < 4) continue;
            var cve = string.Concat("CVE-", span.Slice(i + 4, j - i - 4));
            found ??= [];
            if (!found.Contains(cve)) found.Add(cve);
            i = j - 1;
        }
        return found ?? (IReadOnlyList<string>)[];
    }
}

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
        if (TryParseIsoFast(s, out time)) return true;
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        // RFC 1123 dates, as in HTTP headers ("Wed, 10 Feb 2010 00:00:00 GMT"): "r" has a fast path in .NET.
        if (s.EndsWith(" GMT", StringComparison.Ordinal) && DateTimeOffset.TryParseExact(s, "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out time)) return true;
        if (s.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase)) s = s[..^4];
        if (s.EndsWith("Z", StringComparison.OrdinalIgnoreCase)) s = s[..^1];
        if (DateTimeOffset.TryParseExact(s, TimeFormats, CultureInfo.InvariantCulture, styles, out time)) return true;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out time);
    }

    /// <summary>
    /// The forms nearly every report uses ("yyyy-MM-dd HH:mm:ss", ISO 8601 with 'T', optional fraction,
    /// "Z", "+hh:mm" or " UTC"), parsed without the culture machinery of DateTimeOffset.TryParseExact,
    /// which costs tens of microseconds a value. Anything else falls through to the general parser.
    /// </summary>
    private static bool TryParseIsoFast(ReadOnlySpan<char> s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        var rest = s[19..];
        long ticks = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var n = 1;
            long fraction = 0;
            var scale = TimeSpan.TicksPerSecond;
            while (n < rest.Length && char.IsAsciiDigit(rest[n]))
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fraction += (rest[n] - '0') * scale;
                }
                n++;
            }
            ticks = fraction;
            rest = rest[n..];
        }
        var offset = TimeSpan.Zero;
        if (rest.IsEmpty || rest is "Z" or "z" || rest.Equals(" UTC", StringComparison.OrdinalIgnoreCase) || rest is "+00" or "+0000")
        {
        }
        else if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':'
                 && Digits(rest, 1, 2, out var oh) && Digits(rest, 4, 2, out var om) && oh < 15 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0);
            if (rest[0] == '-') offset = -offset;
        }
        else
        {
            return false;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year : 1, month)
            || year is < 1 or > 9999 || hour > 23 || minute > 59 || second > 59) return false;
        time = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks).ToUniversalTime();
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (!char.IsAsciiDigit(c)) return false;
            value = (value * 10) + (c - '0');
        }
        return true;
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

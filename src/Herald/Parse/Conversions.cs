using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Herald.Events;

namespace Herald.Parse;

/// <summary>The schema's conversions, with the semantics of IntelMQ's Shadowserver parser.</summary>
/// <remarks>Each returns the converted value (string, long, double, bool), or null for "no value", or sets an error for a value that cannot be converted.</remarks>
internal static class Conversions
{
    // As Python's b64decode(validate=True): only the alphabet, no white space (which Convert would skip).
    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    /// <summary>The conversions by the names Shadowserver's schema (and Herald's column mappings) use.</summary>
    public static readonly IReadOnlyDictionary<string, Conversion> ByName = new Dictionary<string, Conversion>(StringComparer.Ordinal)
    {
        ["add_UTC_to_timestamp"] = Conversion.AddUtcToTimestamp,
        ["convert_bool"] = Conversion.ConvertBool,
        ["validate_to_none"] = Conversion.ValidateToNone,
        ["convert_int"] = Conversion.ConvertInt,
        ["convert_float"] = Conversion.ConvertFloat,
        ["convert_http_host_and_url"] = Conversion.ConvertHttpHostAndUrl,
        ["invalidate_zero"] = Conversion.InvalidateZero,
        ["validate_ip"] = Conversion.ValidateIp,
        ["validate_network"] = Conversion.ValidateNetwork,
        ["validate_fqdn"] = Conversion.ValidateFqdn,
        ["convert_date"] = Conversion.ConvertDate,
        ["convert_date_utc"] = Conversion.ConvertDateUtc,
        ["force_base64"] = Conversion.ForceBase64,
        ["extract_cve_from_tag"] = Conversion.ExtractCveFromTag,
        ["category_or_detail"] = Conversion.CategoryOrDetail,
        ["scan_exchange_taxonomy"] = Conversion.ScanExchangeTaxonomy,
        ["scan_exchange_type"] = Conversion.ScanExchangeType,
        ["scan_exchange_identifier"] = Conversion.ScanExchangeIdentifier,
    };

    public static object? Apply(Conversion conversion, string value, Func<string, string?> column, out string? error)
    {
        error = null;
        switch (conversion)
        {
            case Conversion.None:
                return value.Length == 0 ? null : value;
            case Conversion.AddUtcToTimestamp:
            case Conversion.ConvertDate:
            case Conversion.ConvertDateUtc:
                if (value.Length == 0) return null;
                if (EventValues.TryParseTime(value.AsSpan(), out var time)) return time;
                error = $"'{value}' is not a date and time";
                return null;
            case Conversion.ConvertBool:
                return value.ToLowerInvariant() switch
                {
                    "y" or "yes" or "true" or "enabled" or "1" => true,
                    "n" or "no" or "false" or "disabled" or "0" => false,
                    _ => null,
                };
            case Conversion.ValidateToNone:
                return value.Length == 0 || value == "0" || value == "unknown" ? null : value;
            case Conversion.ConvertInt:
                if (value.Length == 0) return null;
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
                error = $"'{value}' is not a whole number";
                return null;
            case Conversion.InvalidateZero:
                if (value.Length == 0) return null;
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var z)) return z == 0 ? null : z;
                error = $"'{value}' is not a whole number";
                return null;
            case Conversion.ConvertFloat:
                if (value.Length == 0) return null;
                // NaN and infinities have no JSON form (IntelMqJson could not write the event): keep them as text.
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
                error = $"'{value}' is not a number";
                return null;
            case Conversion.ValidateIp:
                return value != "0.0.0.0" && EventValues.TryParseIp(value, out var ip) ? ip.ToString() : null;
            case Conversion.ValidateNetwork:
                return value.Contains('/') && IPNetwork.TryParse(value, out var net) ? net.ToString() : null;
            case Conversion.ValidateFqdn:
                return value.Length > 0 && EventValues.IsValidFqdn(value) ? value.TrimEnd('.').ToLowerInvariant() : null;
            case Conversion.ForceBase64:
                return value.Length == 0 ? null : IsBase64(value) ? value : Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
            case Conversion.ExtractCveFromTag:
                var cves = EventValues.SplitCves(value);
                return cves.Count == 0 ? null : string.Join(';', cves).ToLowerInvariant();
            case Conversion.CategoryOrDetail:
                return column("category") is { Length: > 0 } category ? category : column("detail") is { Length: > 0 } detail ? detail : null;
            case Conversion.ScanExchangeTaxonomy:
                return value == "exchange;webshell" ? "intrusions" : "vulnerable";
            case Conversion.ScanExchangeType:
                return value == "exchange;webshell" ? "system-compromise" : "infected-system";
            case Conversion.ScanExchangeIdentifier:
                return value == "exchange;webshell" ? "exchange-server-webshell" : "vulnerable-exchange-server";
            case Conversion.ConvertHttpHostAndUrl:
                return HttpHostAndUrl(value, column);
            default:
                throw new InvalidOperationException($"Conversion {conversion} is not implemented.");
        }
    }

    /// <summary>Joins a host column and a path column into a URL, as IntelMQ does for sinkhole and compromised-website reports.</summary>
    private static string? HttpHostAndUrl(string value, Func<string, string?> column)
    {
        var host = column("cc_dns") ?? column("http_host") ?? "";
        var path = column("url") ?? column("http_url") ?? "";
        if (host.Length > 0 && path.Length > 0)
        {
            // The path column holds the bare path in some reports and the whole request line in others.
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            path = slash < 0 ? "" : path[slash..];
            var space = path.IndexOfAny([' ', '\t', '\r', '\n']);
            if (space >= 0) path = path[..space];
            var scheme = column("application") is "http" or "https" ? column("application")! : "http";
            return scheme + "://" + host + path;
        }
        return value.Length == 0 ? null : value;
    }

    private static bool IsBase64(string value)
    {
        if (value.Length % 4 != 0 || value.AsSpan().ContainsAnyExcept(Base64Alphabet)) return false;
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}

using System.Globalization;
using System.Net;

namespace Herald.Events;

/// <summary>Sets an IntelMQ field on an <see cref="Event"/> by name, validating the value as IntelMQ's harmonisation does.</summary>
public static class EventFieldSetter
{
    /// <summary>Sets <paramref name="key"/>; returns an error text when the value is not valid for that field.</summary>
    public static string? TrySet(Event e, string key, object value)
    {
        if (key.StartsWith(EventFields.ExtraPrefix, StringComparison.Ordinal))
        {
            e.Extra[key[EventFields.ExtraPrefix.Length..]] = value is DateTimeOffset dto ? EventValues.FormatTime(dto) : value;
            return null;
        }

        var text = value as string ?? (value is DateTimeOffset t ? EventValues.FormatTime(t) : Convert.ToString(value, CultureInfo.InvariantCulture)) ?? "";
        switch (key)
        {
            case EventFields.TimeSource:
                if (!EventValues.TryParseTime(value, out var ts)) return $"'{text}' is not a valid time for {key}";
                e.TimeSource = ts;
                return null;
            case EventFields.TimeObservation:
                if (!EventValues.TryParseTime(value, out var to)) return $"'{text}' is not a valid time for {key}";
                e.TimeObservation = to;
                return null;
            case EventFields.FeedName: e.FeedName = text; return null;
            case EventFields.FeedProvider: e.FeedProvider = text; return null;
            case EventFields.ClassificationTaxonomy: e.ClassificationTaxonomy = text; return null;
            case EventFields.ClassificationType: e.ClassificationType = text; return null;
            case EventFields.ClassificationIdentifier: e.ClassificationIdentifier = text; return null;
            case EventFields.SourceIp:
                if (!EventValues.TryParseIp(text, out var ip)) return $"'{text}' is not a valid IP address for {key}";
                e.SourceIp = ip;
                return null;
            case EventFields.SourcePort:
                if (!EventValues.TryParseInteger(value, out var port) || port is < 0 or > 65535) return $"'{text}' is not a valid port for {key}";
                e.SourcePort = (int)port;
                return null;
            case EventFields.SourceAsn:
                if (!EventValues.TryParseInteger(value, out var asn) || asn is < 1 or > uint.MaxValue) return $"'{text}' is not a valid AS number for {key}";
                e.SourceAsn = asn;
                return null;
            case EventFields.SourceAsName: e.SourceAsName = text; return null;
            case EventFields.SourceNetwork:
                if (!IPNetwork.TryParse(text, out _)) return $"'{text}' is not a valid network for {key}";
                e.SourceNetwork = text;
                return null;
            case EventFields.SourceFqdn:
                if (!EventValues.IsValidFqdn(text)) return $"'{text}' is not a valid host name for {key}";
                e.SourceFqdn = text.TrimEnd('.').ToLowerInvariant();
                return null;
            case EventFields.SourceReverseDns:
                e.SourceReverseDns = text.TrimEnd('.').ToLowerInvariant();
                return null;
            case EventFields.SourceUrl:
                if (!Uri.TryCreate(text, UriKind.Absolute, out _)) return $"'{text}' is not a valid URL for {key}";
                e.SourceUrl = text;
                return null;
            case EventFields.SourceGeolocationCc:
                if (text.Length != 2 || !char.IsAsciiLetter(text[0]) || !char.IsAsciiLetter(text[1])) return $"'{text}' is not a country code for {key}";
                e.SourceGeolocationCc = text.ToUpperInvariant();
                return null;
            case EventFields.ProtocolTransport: e.ProtocolTransport = text.ToLowerInvariant(); return null;
            case EventFields.ProtocolApplication: e.ProtocolApplication = text.ToLowerInvariant(); return null;
            case EventFields.ProductVulnerabilities:
                e.ProductVulnerabilities = EventValues.SplitCves(text);
                return null;
            case EventFields.Severity: e.Severity = text.ToLowerInvariant(); return null;
            case EventFields.Raw: e.Raw = text; return null;
            default:
                e.Fields[key] = text;
                return null;
        }
    }
}

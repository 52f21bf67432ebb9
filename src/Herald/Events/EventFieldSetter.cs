using System.Globalization;
using System.Net;

namespace Herald.Events;

/// <summary>Sets an IntelMQ field on an <see cref="Event"/> by name, validating the value as IntelMQ's harmonisation does.</summary>
public static class EventFieldSetter
{
    /// <summary>Sets <c>extra.&lt;name&gt;</c>; times are kept in IntelMQ's text form, other values as they are.</summary>
    public static void SetExtra(Event e, string name, object value) =>
        e.Extra[name] = value is DateTimeOffset time ? EventValues.FormatTime(time) : value;

    /// <summary>Sets <paramref name="key"/>; returns an error text when the value is not valid for that field.</summary>
    public static string? TrySet(Event e, string key, object value)
    {
        if (key.StartsWith(EventFields.ExtraPrefix, StringComparison.Ordinal))
        {
            SetExtra(e, key[EventFields.ExtraPrefix.Length..], value);
            return null;
        }

        // Typed fields take the value itself; only the text fields and the error messages need a string.
        string Text() => value as string ?? (value is DateTimeOffset t ? EventValues.FormatTime(t) : Convert.ToString(value, CultureInfo.InvariantCulture)) ?? "";
        switch (key)
        {
            case EventFields.TimeSource:
                if (!EventValues.TryParseTime(value, out var ts)) return $"'{Text()}' is not a valid time for {key}";
                e.TimeSource = ts;
                return null;
            case EventFields.TimeObservation:
                if (!EventValues.TryParseTime(value, out var to)) return $"'{Text()}' is not a valid time for {key}";
                e.TimeObservation = to;
                return null;
            case EventFields.FeedName: e.FeedName = Text(); return null;
            case EventFields.FeedProvider: e.FeedProvider = Text(); return null;
            case EventFields.ClassificationTaxonomy: e.ClassificationTaxonomy = Text(); return null;
            case EventFields.ClassificationType: e.ClassificationType = Text(); return null;
            case EventFields.ClassificationIdentifier: e.ClassificationIdentifier = Text(); return null;
            case EventFields.SourceIp:
                if (!EventValues.TryParseIp(Text(), out var ip)) return $"'{Text()}' is not a valid IP address for {key}";
                e.SourceIp = ip;
                return null;
            case EventFields.SourcePort:
                if (!EventValues.TryParseInteger(value, out var port) || port is < 0 or > 65535) return $"'{Text()}' is not a valid port for {key}";
                e.SourcePort = (int)port;
                return null;
            case EventFields.SourceAsn:
                if (!EventValues.TryParseInteger(value, out var asn) || asn is < 1 or > uint.MaxValue) return $"'{Text()}' is not a valid AS number for {key}";
                e.SourceAsn = asn;
                return null;
            case EventFields.SourceAsName: e.SourceAsName = Text(); return null;
            case EventFields.SourceNetwork:
                if (!IPNetwork.TryParse(Text(), out _)) return $"'{Text()}' is not a valid network for {key}";
                e.SourceNetwork = Text();
                return null;
            case EventFields.SourceFqdn:
                if (!EventValues.IsValidFqdn(Text())) return $"'{Text()}' is not a valid host name for {key}";
                e.SourceFqdn = Text().TrimEnd('.').ToLowerInvariant();
                return null;
            case EventFields.SourceReverseDns:
                e.SourceReverseDns = Text().TrimEnd('.').ToLowerInvariant();
                return null;
            case EventFields.SourceUrl:
                if (!Uri.TryCreate(Text(), UriKind.Absolute, out _)) return $"'{Text()}' is not a valid URL for {key}";
                e.SourceUrl = Text();
                return null;
            case EventFields.SourceGeolocationCc:
                var cc = Text();
                if (cc.Length != 2 || !char.IsAsciiLetter(cc[0]) || !char.IsAsciiLetter(cc[1])) return $"'{cc}' is not a country code for {key}";
                e.SourceGeolocationCc = cc.ToUpperInvariant();
                return null;
            case EventFields.ProtocolTransport: e.ProtocolTransport = Text().ToLowerInvariant(); return null;
            case EventFields.ProtocolApplication: e.ProtocolApplication = Text().ToLowerInvariant(); return null;
            case EventFields.ProductVulnerabilities:
                e.ProductVulnerabilities = EventValues.SplitCves(Text());
                return null;
            case EventFields.Severity: e.Severity = Text().ToLowerInvariant(); return null;
            case EventFields.Raw: e.Raw = Text(); return null;
            default:
                e.Fields[key] = Text();
                return null;
        }
    }
}

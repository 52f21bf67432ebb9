namespace Herald.Events;

/// <summary>The event fields of IntelMQ's harmonisation, to check field names that people write (mappings).</summary>
public static class IntelMqFields
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "classification.identifier", "classification.taxonomy", "classification.type", "comment",
        "destination.abuse_contact", "destination.account", "destination.allocated", "destination.as_name", "destination.asn",
        "destination.domain_suffix", "destination.fqdn", "destination.geolocation.cc", "destination.geolocation.city",
        "destination.geolocation.country", "destination.geolocation.latitude", "destination.geolocation.longitude",
        "destination.geolocation.region", "destination.geolocation.state", "destination.ip", "destination.local_hostname",
        "destination.local_ip", "destination.network", "destination.port", "destination.registry", "destination.reverse_dns",
        "destination.tor_node", "destination.url", "destination.urlpath",
        "event_description.target", "event_description.text", "event_description.url", "event_hash",
        "feed.accuracy", "feed.code", "feed.documentation", "feed.name", "feed.provider", "feed.url",
        "malware.hash.md5", "malware.hash.sha1", "malware.hash.sha256", "malware.name", "malware.version",
        "misp.attribute_uuid", "misp.event_uuid", "output",
        "product.name", "product.vendor", "product.version", "product.vulnerabilities",
        "protocol.application", "protocol.transport", "raw", "rtir_id", "screenshot_url", "severity",
        "source.abuse_contact", "source.account", "source.allocated", "source.as_name", "source.asn", "source.domain_suffix",
        "source.fqdn", "source.geolocation.cc", "source.ip", "source.geolocation.city", "source.geolocation.country",
        "source.geolocation.cymru_cc", "source.geolocation.geoip_cc", "source.geolocation.latitude",
        "source.geolocation.longitude", "source.geolocation.region", "source.geolocation.state", "source.local_hostname",
        "source.local_ip", "source.network", "source.port", "source.registry", "source.reverse_dns", "source.tor_node",
        "source.url", "source.urlpath", "status", "time.observation", "time.source", "tlp",
    };

    /// <summary>True for a harmonised field or any <c>extra.&lt;name&gt;</c>.</summary>
    public static bool IsKnown(string name) =>
        Known.Contains(name) || (name.StartsWith(EventFields.ExtraPrefix, StringComparison.Ordinal) && name.Length > EventFields.ExtraPrefix.Length);
}

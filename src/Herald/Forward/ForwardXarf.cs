using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Events;
using Herald.Notify;

namespace Herald.Forward;

/// <summary>
/// Forwarded cases as X-ARF v4: one report per event, all of a forward in one JSON array (the form Herald's own
/// X-ARF reader takes). The RSIT classification chooses the X-ARF category and type and the fields that type
/// requires; a classification X-ARF has no type for becomes reputation/threat_intelligence. Report ids are UUIDs
/// derived from the forward's reference and the event, so a retry sends the same reports.
/// </summary>
internal sealed class ForwardXarf(ServiceOptions service, string reference, DateTimeOffset createdAt) : IForwardFormat
{
    public const string Version = "4.0.0";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string MediaType => "application/json";

    public void Begin(IBufferWriter<byte> output) => output.Write("[\n"u8);

    /// <summary>One report, on its own (<see cref="ForwardDocuments"/> checks it against the schemas before it joins the array).</summary>
    public void Case(IBufferWriter<byte> output, ForwardedCase c)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        WriteReport(writer, c);
    }

    public void Between(IBufferWriter<byte> output) => output.Write(",\n"u8);

    public void End(IBufferWriter<byte> output) => output.Write("\n]\n"u8);

    private void WriteReport(Utf8JsonWriter w, ForwardedCase c)
    {
        var e = c.Event;
        w.WriteStartObject();
        w.WriteString("xarf_version", Version);
        w.WriteString("report_id", ReportId(reference, c.EventId));
        w.WriteString("timestamp", Time(e.TimeSource ?? e.TimeObservation ?? createdAt));
        // Herald reports and sends: the original source is named in the description and the tags.
        WriteContact(w, "reporter");
        WriteContact(w, "sender");
        if ((e.SourceIp?.ToString() ?? e.HostName ?? e.SourceUrl) is { } identifier) w.WriteString("source_identifier", identifier);
        if (e.SourcePort is { } port) w.WriteNumber("source_port", port);
        WriteType(w, e, e.TimeSource ?? e.TimeObservation ?? createdAt);
        var description = $"{e.FeedProvider ?? "Herald"} {e.FeedName}: {e.ClassificationIdentifier ?? e.ClassificationType}".Trim();
        w.WriteString("description", description.Length <= 1000 ? description : description[..1000]);
        w.WriteStartArray("tags");
        foreach (var tag in Tags(reference, e)) w.WriteStringValue(tag);
        w.WriteEndArray();
        w.WriteString("herald_reference", reference);
        if (c.OrganisationName is { } name) w.WriteString("organisation_name", name);
        if (c.KvkNumber is { } kvk) w.WriteString("organisation_kvk", kvk);
        if (e.SourceAsn is { } asn) w.WriteNumber("asn", asn);
        if (e.SourceGeolocationCc is { } cc) w.WriteString("country_code", cc);
        w.WriteEndObject();
    }

    private void WriteContact(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteString("org", service.SenderName);
        w.WriteString("contact", service.SenderAddress);
        w.WriteString("domain", service.SenderDomain);
        w.WriteEndObject();
    }

    /// <summary>Category, type, evidence source and the fields the type's schema requires.</summary>
    private static void WriteType(Utf8JsonWriter w, Event e, DateTimeOffset seen)
    {
        var protocol = e.ProtocolTransport is "tcp" or "udp" ? e.ProtocolTransport : null;
        var service = e.ProtocolApplication ?? ServiceOf(e.ClassificationIdentifier) ?? "unknown";
        switch (e.ClassificationTaxonomy, e.ClassificationType)
        {
            case ("vulnerable", _) when e.ProductVulnerabilities.Count > 0 && e.SourcePort is { } port:
                Head(w, "vulnerability", "cve", "vulnerability_scan");
                w.WriteString("service", service);
                w.WriteNumber("service_port", port);
                w.WriteString("cve_id", e.ProductVulnerabilities[0]);
                if (e.ProductVulnerabilities.Count > 1)
                {
                    w.WriteStartArray("cve_ids");
                    foreach (var cve in e.ProductVulnerabilities.Distinct(StringComparer.Ordinal).Take(10)) w.WriteStringValue(cve);
                    w.WriteEndArray();
                }
                break;
            case ("vulnerable", var type):
                var open = type == "potentially-unwanted-accessible" || (e.ClassificationIdentifier?.StartsWith("open-", StringComparison.Ordinal) ?? false)
                    || (e.ClassificationIdentifier?.StartsWith("accessible-", StringComparison.Ordinal) ?? false);
                Head(w, "vulnerability", open ? "open_service" : "misconfiguration", "vulnerability_scan");
                w.WriteString("service", service);
                break;
            case ("malicious-code", "infected-system") when protocol is not null:
                Head(w, "connection", "infected_host", "threat_intelligence");
                w.WriteString("protocol", protocol);
                w.WriteString("bot_type", "malicious");
                if (e.Fields.GetValueOrDefault("malware.name") is { } malware) w.WriteString("bot_name", malware);
                w.WriteString("first_seen", Time(seen));
                break;
            case ("malicious-code", "c2-server"):
                Head(w, "infrastructure", "botnet", "threat_intelligence");
                w.WriteString("compromise_evidence", $"listed as a command-and-control server in {e.FeedProvider ?? "a threat feed"} {e.FeedName}".TrimEnd());
                if (e.Fields.GetValueOrDefault("malware.name") is { } family) w.WriteString("malware_family", family);
                break;
            case ("intrusions", "system-compromise"):
                Head(w, "infrastructure", "compromised_server", "threat_intelligence");
                w.WriteString("compromise_method", e.ClassificationIdentifier ?? "unknown");
                break;
            case ("intrusion-attempts", "brute-force") when protocol is not null:
                Head(w, "connection", "login_attack", "threat_intelligence");
                w.WriteString("protocol", protocol);
                w.WriteString("first_seen", Time(seen));
                break;
            case ("information-gathering", "scanner") when protocol is not null:
                Head(w, "connection", "port_scan", "threat_intelligence");
                w.WriteString("protocol", protocol);
                w.WriteString("first_seen", Time(seen));
                break;
            case ("other", "blacklist"):
                Head(w, "reputation", "blocklist", "threat_intelligence");
                w.WriteString("threat_type", e.ClassificationIdentifier ?? "blacklist");
                break;
            default:
                Head(w, "reputation", "threat_intelligence", "threat_intelligence");
                w.WriteString("threat_type", $"{e.ClassificationTaxonomy ?? "other"}/{e.ClassificationType ?? "other"}");
                break;
        }
    }

    private static void Head(Utf8JsonWriter w, string category, string type, string evidenceSource)
    {
        w.WriteString("category", category);
        w.WriteString("type", type);
        w.WriteString("evidence_source", evidenceSource);
    }

    /// <summary>The service an identifier names (<c>open-rdp</c>: rdp), for events without protocol.application.</summary>
    private static string? ServiceOf(string? identifier) => identifier switch
    {
        null or "" => null,
        _ when identifier.StartsWith("open-", StringComparison.Ordinal) => identifier["open-".Length..],
        _ when identifier.StartsWith("accessible-", StringComparison.Ordinal) => identifier["accessible-".Length..],
        _ => identifier,
    };

    /// <summary>Namespaced tags (<c>namespace:value</c>, lower case), only those the schema's pattern allows.</summary>
    private static IEnumerable<string> Tags(string reference, Event e)
    {
        var tags = new List<string>(8) { Tag("herald", reference) };
        if (e.ClassificationTaxonomy is { } taxonomy) tags.Add(Tag("taxonomy", taxonomy));
        if (e.ClassificationType is { } type) tags.Add(Tag("type", type));
        if (e.ClassificationIdentifier is { } identifier) tags.Add(Tag("identifier", identifier));
        if (e.FeedName is { } feed) tags.Add(Tag("feed", feed));
        foreach (var cve in e.ProductVulnerabilities) tags.Add(Tag("cve", cve));
        return tags.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Take(20);
    }

    private static string Tag(string space, string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var ch in value.ToLowerInvariant())
            text.Append(ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '+' or '-' ? ch : '-');
        var cleaned = text.ToString().TrimStart('_', '+', '-');
        return cleaned.Length == 0 ? "" : $"{space}:{cleaned}";
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A UUID in version 4 form, derived from the reference and the event, so every try sends the same id.</summary>
    public static string ReportId(string reference, long eventId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{reference}/{eventId.ToString(CultureInfo.InvariantCulture)}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}

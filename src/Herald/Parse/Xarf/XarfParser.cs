using System.Text;
using System.Text.Json;
using Herald.Events;

namespace Herald.Parse.Xarf;

/// <summary>Reads an X-ARF v4 JSON report (one object, or an array of them), validated against the published schemas.</summary>
/// <remarks>
/// A report that does not match the schema is rejected with the schema's error paths. A valid one becomes one event:
/// category and type as an RSIT classification, source_identifier as source.ip or source.fqdn, url as source.url,
/// first_seen (else timestamp) as time.source, reporter.org as feed.provider; other values go to extra
/// (objects and lists as JSON text; evidence as a count, its payloads stay in the kept report).
/// </remarks>
public sealed class XarfParser(XarfSchemas schemas, ParseLimits? limits = null) : IReportParser
{
    private static readonly HashSet<string> Mapped = new(StringComparer.Ordinal)
    {
        "source_identifier", "source_port", "category", "type", "timestamp", "first_seen", "url", "reporter", "evidence",
        "destination_ip", "destination_port", "protocol", "cve_id",
    };

    private readonly ParseLimits _limits = limits ?? ParseLimits.Default;

    public IEnumerable<ParsedRow> Parse(Stream content, ParseContext context, CancellationToken cancellationToken)
    {
        var bytes = JsonDocuments.ReadBounded(content, _limits.MaxDocumentBytes, out var tooLarge);
        if (bytes is null)
        {
            yield return Reject(1, "", tooLarge!);
            yield break;
        }
        var text = Encoding.UTF8.GetString(bytes);
        if (text.AsSpan().TrimStart().StartsWith("["))
        {
            var records = JsonDocuments.SplitArray(bytes, _limits.MaxJsonDepth, out var error);
            if (records is null)
            {
                yield return Reject(1, Truncate(text), error!);
                yield break;
            }
            for (var i = 0; i < records.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return Read(i + 1, Encoding.UTF8.GetString(bytes, records[i].Start, records[i].Length), context.ReceivedAt);
            }
            yield break;
        }
        if (text.Trim().Length > 0) yield return Read(1, text, context.ReceivedAt);
    }

    private ParsedRow Read(long line, string json, DateTimeOffset receivedAt)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = _limits.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            return Reject(line, Truncate(json), $"not valid JSON: {ex.Message}");
        }
        using (doc)
        {
            var report = doc.RootElement;
            if (report.ValueKind != JsonValueKind.Object) return Reject(line, Truncate(json), "an X-ARF report is a JSON object");
            var errors = schemas.Validate(report);
            if (errors.Count > 0) return Reject(line, Truncate(json), "not a valid X-ARF v4 report: " + string.Join("; ", errors.Take(10)));
            return ToEvent(line, report, json, receivedAt);
        }
    }

    private static ParsedRow ToEvent(long line, JsonElement report, string json, DateTimeOffset receivedAt)
    {
        string? Text(string name) => report.TryGetProperty(name, out var v) ? JsonDocuments.Text(v) : null;
        var category = Text("category")!;
        var type = Text("type")!;
        var (taxonomy, rsitType) = XarfClassification.Of(category, type);
        var e = new Event
        {
            FeedName = $"X-ARF {category}/{type}",
            FeedProvider = report.TryGetProperty("reporter", out var reporter) && reporter.TryGetProperty("org", out var org) ? org.GetString() : null,
            ClassificationTaxonomy = taxonomy,
            ClassificationType = rsitType,
            ClassificationIdentifier = $"xarf-{category}-{type}".Replace('_', '-'),
            TimeObservation = receivedAt,
            Raw = json,
        };
        var problems = new List<string>();
        void Set(string field, object? value, string from)
        {
            if (value is null) return;
            if (EventFieldSetter.TrySet(e, field, value) is { } problem) problems.Add($"{from}: {problem}");
        }
        var source = Text("source_identifier")!;
        if (EventValues.TryParseIp(source, out _)) Set(EventFields.SourceIp, source, "source_identifier");
        else Set(EventFields.SourceFqdn, source, "source_identifier");
        Set(EventFields.TimeSource, Text("first_seen") ?? Text("timestamp"), "first_seen/timestamp");
        Set(EventFields.SourcePort, Text("source_port"), "source_port");
        Set(EventFields.SourceUrl, Text("url"), "url");
        Set("destination.ip", Text("destination_ip"), "destination_ip");
        Set("destination.port", Text("destination_port"), "destination_port");
        Set(EventFields.ProtocolTransport, Text("protocol") is "tcp" or "udp" or "icmp" ? Text("protocol") : null, "protocol");
        Set(EventFields.ProductVulnerabilities, Text("cve_id"), "cve_id");
        if (problems.Count > 0) return Reject(line, Truncate(json), string.Join("; ", problems));

        foreach (var property in report.EnumerateObject())
        {
            if (Mapped.Contains(property.Name) && property.Name != "protocol") continue;
            if (JsonDocuments.Text(property.Value) is { Length: > 0 } value) e.Extra.TryAdd(property.Name, value);
        }
        if (report.TryGetProperty("evidence", out var evidence) && evidence.ValueKind == JsonValueKind.Array)
            e.Extra["evidence_count"] = (long)evidence.GetArrayLength();
        return new ParsedRow(line, e, null);
    }

    private static ParsedRow Reject(long line, string raw, string reason) => new(line, null, new Rejection(line, raw, reason));

    private static string Truncate(string s) => s.Length <= 4096 ? s : s[..4096];
}

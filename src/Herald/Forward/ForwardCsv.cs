using System.Buffers;
using System.Text;
using Herald.Events;
using Herald.Registry;

namespace Herald.Forward;

/// <summary>
/// Forwarded cases as CSV (RFC 4180, UTF-8, a header of IntelMQ field names): one row per event with the fields a
/// CERT works with, the member organisation, and every other field as one IntelMQ JSON object in <c>other</c>.
/// Cells that a spreadsheet would run as a formula are defused with a leading apostrophe.
/// </summary>
internal sealed class ForwardCsv(string reference) : IForwardFormat
{
    /// <summary>The columns, in order; the event fields carry IntelMQ's names and formatting.</summary>
    public static readonly string[] Columns =
    [
        "herald.reference", "time.source", "time.observation", "feed.provider", "feed.name",
        "classification.taxonomy", "classification.type", "classification.identifier", "severity",
        "source.ip", "source.port", "protocol.transport", "protocol.application", "source.fqdn", "source.reverse_dns",
        "source.url", "source.asn", "source.as_name", "source.network", "source.geolocation.cc", "product.vulnerabilities",
        "organisation.name", "organisation.kvk", "other",
    ];

    private static readonly HashSet<string> EventColumns = [.. Columns[1..^3]];

    private readonly StringBuilder _line = new(1024);
    private readonly Dictionary<string, string> _row = new(StringComparer.Ordinal);

    public string MediaType => "text/csv; charset=utf-8; header=present";

    public void Begin(IBufferWriter<byte> output) => Encoding.UTF8.GetBytes(string.Join(',', Columns) + "\r\n", output);

    public void Case(IBufferWriter<byte> output, ForwardedCase c)
    {
        _row.Clear();
        foreach (var (key, value) in IntelMqJson.Pairs(c.Event))
            if (EventColumns.Contains(key)) _row[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        // The fields without a column of their own, as IntelMQ JSON: harmonised ones by name, report columns as extra.*.
        var other = c.Event.Fields.Count + c.Event.Extra.Count == 0
            ? null
            : IntelMqJson.Write(new Event { Fields = c.Event.Fields, Extra = c.Event.Extra }, includeRaw: false);
        _line.Clear();
        Cell(_line, reference);
        foreach (var column in Columns.AsSpan(1, Columns.Length - 4)) Cell(_line.Append(','), _row.GetValueOrDefault(column));
        Cell(_line.Append(','), c.OrganisationName);
        Cell(_line.Append(','), c.KvkNumber);
        Cell(_line.Append(','), other);
        _line.Append("\r\n");
        foreach (var chunk in _line.GetChunks()) Encoding.UTF8.GetBytes(chunk.Span, output);
    }

    /// <summary>Quotes as RFC 4180 requires; a value a spreadsheet would read as a formula gets a leading apostrophe.</summary>
    private static void Cell(StringBuilder csv, string? value) => CsvText.Field(csv, CsvText.Defused(value));
}

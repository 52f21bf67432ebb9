using System.Text;
using Herald.Events;
using Herald.Parse;

namespace Herald.Tests.Parse;

/// <summary>What the Shadowserver parser makes of reports that are damaged, odd or not reports at all.</summary>
/// <remarks>Most tests use a small schema of their own (one report type, as the published schema describes it) so they do not depend on the published one.</remarks>
public sealed class ShadowserverBrokenInputTests
{
    private const string Type = "scan_http_vulnerable";
    internal const string Header = "timestamp,ip,protocol,port,hostname,tag,asn,geo,http_code";
    internal const string Row1 = "2026-11-01 10:00:00,192.0.2.10,tcp,443,host1.example.nl,CVE-2021-41773,64500,NL,200";
    internal const string Row2 = "2026-11-01 10:00:01,192.0.2.11,tcp,8443,host2.example.nl,,64500,NL,401";
    private const string Row3 = "2026-11-01 10:00:02,192.0.2.12,tcp,80,,,64500,NL,";

    internal static readonly ShadowserverSchema Schema = ShadowserverSchema.Load(new MemoryStream(Encoding.UTF8.GetBytes("""
        {
          "_meta": { "date_created": "2026-03-24T15:31:20Z" },
          "scan_http_vulnerable": {
            "feed_name": "Vulnerable-HTTP",
            "file_name": "scan_http_vulnerable",
            "constant_fields": {
              "classification.identifier": "vulnerable-http",
              "classification.taxonomy": "vulnerable",
              "classification.type": "vulnerable-system",
              "protocol.application": "http"
            },
            "required_fields": [
              ["time.source", "timestamp", "add_UTC_to_timestamp"],
              ["source.ip", "ip", "validate_ip"],
              ["source.port", "port", "convert_int"]
            ],
            "optional_fields": [
              ["protocol.transport", "protocol"],
              ["source.reverse_dns", "hostname"],
              ["extra.", "tag", "validate_to_none"],
              ["source.asn", "asn", "invalidate_zero"],
              ["source.geolocation.cc", "geo"],
              ["extra.", "http_code", "convert_int"],
              ["product.vulnerabilities", "tag", "extract_cve_from_tag"]
            ]
          },
          "blocklist": {
            "feed_name": "Blocklist",
            "file_name": "blocklist",
            "constant_fields": { "classification.taxonomy": "other", "classification.type": "blacklist" },
            "required_fields": [["time.source", "timestamp", "add_UTC_to_timestamp"], ["source.ip", "ip", "validate_ip"]],
            "optional_fields": [["source.network", "ip", "validate_network"], ["extra.", "reason", "validate_to_none"]]
          }
        }
        """)));

    [Fact]
    public void A_well_formed_report_gives_one_event_per_row()
    {
        var rows = Parse(Lines(Header, Row1, Row2, Row3));

        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Rejection));
        var e = rows[0].Event!;
        Assert.Equal("192.0.2.10", e.SourceIp?.ToString());
        Assert.Equal(443, e.SourcePort);
        Assert.Equal("vulnerable-http", e.ClassificationIdentifier);
        Assert.Equal(["CVE-2021-41773"], e.ProductVulnerabilities);
        Assert.Equal(200L, e.Extra["http_code"]);
        Assert.Equal(Row1, e.Raw);
    }

    [Fact]
    public void A_truncated_row_is_rejected_with_its_line_its_raw_text_and_the_column_counts()
    {
        const string truncated = "2026-11-01 10:00:05,192.0.2.13";

        var rows = Parse(Lines(Header, Row1, truncated, Row2));

        var rejection = Assert.Single(rows, r => r.Rejection is not null).Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Equal(truncated, rejection.Raw);
        Assert.Contains("2 columns where the header has 9", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count(r => r.Event is not null));
    }

    [Fact]
    public void A_row_that_leaves_out_only_trailing_optional_columns_is_read_as_if_they_were_empty()
    {
        // Shadowserver's own event4_honeypot_ddos rows omit their last, empty column.
        const string short1 = "2026-11-01 10:00:02,192.0.2.12,tcp,80,host.example.nl";

        var rows = Parse(Lines(Header, short1));

        var e = Assert.Single(rows).Event;
        Assert.NotNull(e);
        Assert.Equal(80, e.SourcePort);
        Assert.Equal("host.example.nl", e.SourceReverseDns);
        Assert.Null(e.SourceAsn);
    }

    [Fact]
    public void A_row_with_more_columns_than_the_header_is_rejected()
    {
        var rows = Parse(Lines(Header, Row1 + ",surplus"));

        var rejection = Assert.Single(rows).Rejection;
        Assert.NotNull(rejection);
        Assert.Equal(2, rejection.Line);
        Assert.Contains("10 columns", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_one_rejection_at_line_1_with_a_clear_reason()
    {
        var bytes = new byte[8192];
        new Random(20261101).NextBytes(bytes);
        bytes[0] = 0x1f;
        bytes[1] = 0x8b; // as a gzip file starts
        bytes[100] = 0;
        bytes[5000] = 0;

        var rows = Reports.Parse(Schema, bytes, "report.csv", Type);

        var row = Assert.Single(rows);
        Assert.Null(row.Event);
        Assert.Equal(1, row.Line);
        Assert.Equal(1, row.Rejection!.Line);
        Assert.Contains("not a CSV text", row.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_the_ip_column_is_rejected_at_line_1_naming_the_column()
    {
        var rows = Parse(Lines("timestamp,port,hostname", "2026-11-01 10:00:00,443,host1.example.nl"));

        var row = Assert.Single(rows);
        Assert.Null(row.Event);
        Assert.Equal(1, row.Rejection!.Line);
        Assert.Contains("lacks the required column(s) ip", row.Rejection.Reason, StringComparison.Ordinal);
        Assert.Equal("timestamp,port,hostname", row.Rejection.Raw);
    }

    [Fact]
    public void An_unknown_report_type_given_explicitly_is_rejected_naming_the_type()
    {
        var rows = Parse(Lines(Header, Row1), reportType: "scan_teapot");

        var row = Assert.Single(rows);
        Assert.Null(row.Event);
        Assert.Equal(1, row.Rejection!.Line);
        Assert.Contains("'scan_teapot'", row.Rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.csv")]
    [InlineData("2024-06-01-scan_teapot-nl-geo.csv")]
    public void A_file_name_that_names_no_known_report_type_is_rejected_asking_for_the_type(string fileName)
    {
        var rows = Reports.Parse(Schema, Lines(Header, Row1), fileName, reportType: null);

        var row = Assert.Single(rows);
        Assert.Null(row.Event);
        Assert.Equal(1, row.Rejection!.Line);
        Assert.Contains("--type", row.Rejection.Reason, StringComparison.Ordinal);
        Assert.Contains(fileName, row.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_ip_rejects_its_row_naming_the_field_and_value_and_the_rows_around_it_become_events()
    {
        const string bad = "2026-11-01 10:00:05,999.1.1.1,tcp,443,,,64500,NL,200";

        var rows = Parse(Lines(Header, Row1, bad, Row2));

        Assert.Equal(3, rows.Count); // nothing lost: one outcome per data row
        Assert.Equal(2, rows.Count(r => r.Event is not null));
        var rejection = Assert.Single(rows, r => r.Rejection is not null).Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Equal(bad, rejection.Raw);
        Assert.Contains("source.ip", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("999.1.1.1", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday,192.0.2.10,tcp,443", "time.source")]
    [InlineData(",192.0.2.10,tcp,443", "time.source")]
    [InlineData("2026-11-01 10:00:00,,tcp,443", "source.ip")]
    [InlineData("2026-11-01 10:00:00,0.0.0.0,tcp,443", "source.ip")]
    [InlineData("2026-11-01 10:00:00,192.0.2.0/24,tcp,443", "source.ip")]
    [InlineData("2026-11-01 10:00:00,192.0.2.10,tcp,https", "source.port")]
    [InlineData("2026-11-01 10:00:00,192.0.2.10,tcp,70000", "source.port")]
    public void A_required_value_that_is_missing_or_invalid_rejects_the_row_naming_the_field(string start, string field)
    {
        var rows = Parse(Lines(Header, start + ",,,,,"));

        var rejection = Assert.Single(rows).Rejection;
        Assert.NotNull(rejection);
        Assert.Contains($"required field {field} ", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_in_a_required_ip_column_that_the_schema_also_maps_to_source_network_becomes_that_network()
    {
        var rows = Parse(Lines("timestamp,ip,reason", "2026-11-01 10:00:00,192.0.2.10,spam", "2026-11-01 10:00:00,198.51.100.0/24,spam", "2026-11-01 10:00:00,198.51.100.0/99,spam"), "blocklist");

        Assert.Equal(3, rows.Count);
        Assert.Equal("192.0.2.10", rows[0].Event?.SourceIp?.ToString());
        Assert.Null(rows[1].Event?.SourceIp);
        Assert.Equal("198.51.100.0/24", rows[1].Event?.SourceNetwork);
        Assert.Contains("required field source.ip (column 'ip', value '198.51.100.0/99')", rows[2].Rejection?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_the_port_column_gives_events_without_a_port_as_older_report_formats_do()
    {
        // malware_url reports had no port column before Shadowserver added one; the published schema requires it now.
        var rows = Parse(Lines("timestamp,ip,hostname", "2026-11-01 10:00:00,192.0.2.10,host1.example.nl"));

        var e = Assert.Single(rows).Event;
        Assert.NotNull(e);
        Assert.Null(e.SourcePort);
        Assert.Equal("192.0.2.10", e.SourceIp?.ToString());
    }

    [Fact]
    public void An_empty_port_leaves_source_port_unset_as_ip_spoofer_reports_do()
    {
        var rows = Parse(Lines(Header, "2026-11-01 10:00:00,192.0.2.10,tcp,,,,,,"));

        var e = Assert.Single(rows).Event;
        Assert.NotNull(e);
        Assert.Null(e.SourcePort);
        Assert.Equal("192.0.2.10", e.SourceIp?.ToString());
    }

    [Fact]
    public void An_empty_file_gives_no_events_and_no_rejections()
    {
        Assert.Empty(Reports.Parse(Schema, [], "scan_http_vulnerable.csv"));
    }

    [Theory]
    [InlineData(Header)]
    [InlineData(Header + "\n")]
    [InlineData(Header + "\r\n")]
    public void A_file_with_only_a_header_gives_no_events_and_no_rejections(string content)
    {
        Assert.Empty(Parse(content));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_the_line_numbers_stay_those_of_the_file()
    {
        var rows = Parse(Lines(Header, Row1, "", Row2, "", ""));

        Assert.All(rows, r => Assert.Null(r.Rejection));
        Assert.Equal([2L, 4L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Invalid_utf8_in_an_optional_column_still_gives_an_event()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(Header, "2026-11-01 10:00:00,192.0.2.10,tcp,443,host\u0001.example.nl,,64500,NL,200"));
        var at = Array.IndexOf(bytes, (byte)1);
        bytes[at] = 0xff; // never valid in UTF-8

        var rows = Reports.Parse(Schema, bytes, "scan_http_vulnerable.csv");

        var e = Assert.Single(rows).Event;
        Assert.NotNull(e);
        Assert.Equal("192.0.2.10", e.SourceIp?.ToString());
        Assert.Equal("host\ufffd.example.nl", e.SourceReverseDns);
    }

    [Fact]
    public void A_non_number_in_an_optional_int_column_is_kept_in_extra_as_it_was()
    {
        var rows = Parse(Lines(Header, "2026-11-01 10:00:00,192.0.2.10,tcp,443,,,64500,NL,2OO"));

        var e = Assert.Single(rows).Event;
        Assert.NotNull(e);
        Assert.Equal("2OO", e.Extra["http_code"]);
    }

    [Fact]
    public void Columns_the_schema_does_not_know_go_to_extra()
    {
        var rows = Parse(Lines(Header + ",mystery,empty", Row1 + ",42,"));

        var e = Assert.Single(rows).Event;
        Assert.NotNull(e);
        Assert.Equal("42", e.Extra["mystery"]);
        Assert.False(e.Extra.ContainsKey("empty"));
    }

    [Fact]
    public void Columns_in_a_different_order_give_the_same_event()
    {
        var names = Header.Split(',');
        var values = Row1.Split(',');
        int[] order = [8, 3, 0, 7, 1, 5, 2, 6, 4];

        var straight = Assert.Single(Parse(Lines(Header, Row1))).Event!;
        var shuffled = Assert.Single(Parse(Lines(
            string.Join(',', order.Select(i => names[i])),
            string.Join(',', order.Select(i => values[i]))))).Event!;

        Assert.Equal(WithoutRaw(straight), WithoutRaw(shuffled));
    }

    [Theory]
    [InlineData("2024-06-01-scan_http_vulnerable-nl-geo.csv")]
    [InlineData("2024-06-01-scan_http_vulnerable-as64500.csv")]
    [InlineData("scan_http_vulnerable.csv")]
    [InlineData("/var/spool/herald/2024-06-01-scan_http_vulnerable-nl-geo.csv")]
    public void The_report_type_is_taken_from_either_file_name_form(string fileName)
    {
        var rows = Reports.Parse(Schema, Lines(Header, Row1), fileName);

        Assert.Equal("Vulnerable-HTTP", Assert.Single(rows).Event?.FeedName);
    }

    [Theory]
    [InlineData("2024-06-01-scan_http_vulnerable-nl-geo.csv", "scan_http_vulnerable")]
    [InlineData("scan_http_vulnerable.csv", "scan_http_vulnerable")]
    [InlineData("scan_http_vulnerable-nl-geo.csv", "scan_http_vulnerable")]
    [InlineData("event4_sinkhole_dns-nl.csv.gz", "event_sinkhole_dns")]
    [InlineData("event4_sinkhole_dns.csv", "event_sinkhole_dns")]
    [InlineData("2024-06-01-event4_sinkhole_dns-nl-geo.csv", "event_sinkhole_dns")]
    [InlineData("2024-06-01-event4_honeypot_brute_force-as64500.csv", "event_honeypot_brute_force")]
    [InlineData("2024-06-01-event_sinkhole_dns-nl-geo.csv", "event_sinkhole_dns")]
    public void File_names_resolve_through_the_published_schema_by_name_or_file_name(string fileName, string reportType)
    {
        Assert.Equal(reportType, TestData.Schema.FindByFileName(fileName)?.Name);
    }

    private static List<ParsedRow> Parse(string content, string? reportType = Type) =>
        Reports.Parse(Schema, content, "upload.csv", reportType);

    private static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    private static List<KeyValuePair<string, object>> WithoutRaw(Event e) =>
        [.. IntelMqJson.Pairs(e).Where(p => p.Key != EventFields.Raw)];
}

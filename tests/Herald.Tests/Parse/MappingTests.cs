using System.Text;
using Herald.Parse;
using Herald.Parse.Mapping;

namespace Herald.Tests.Parse;

/// <summary>Partner CSV and JSON through a YAML column mapping: loading with precise errors, and reading.</summary>
public sealed class MappingTests
{
    private const string Minimal = """
        name: partner
        format: FORMAT
        constants:
          classification.taxonomy: vulnerable
          classification.type: vulnerable-system
        fields:
          - target: time.source
            source: seen
          - target: source.ip
            source: host.address
          - target: source.port
            source: port
            conversion: convert_int
        """;

    private static List<ParsedRow> Parse(ColumnMapping mapping, string content) =>
        [.. new MappedParser(mapping).Parse(new MemoryStream(Encoding.UTF8.GetBytes(content)), new ParseContext("partner.csv", null, Reports.ReceivedAt), CancellationToken.None)];

    private static List<string> Blocks(string language)
    {
        var doc = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "mapping-format.md"));
        var blocks = new List<string>();
        var fence = "```" + language + "\n";
        for (var at = doc.IndexOf(fence, StringComparison.Ordinal); at >= 0; at = doc.IndexOf(fence, at + 1, StringComparison.Ordinal))
        {
            var start = at + fence.Length;
            blocks.Add(doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)]);
        }
        return blocks;
    }

    [Fact]
    public void The_documented_example_loads_and_reads_its_CSV()
    {
        var mapping = MappingLoader.Load(Assert.Single(Blocks("yaml")), "mapping-format.md");

        var rows = Parse(mapping, Assert.Single(Blocks("csv")));

        Assert.Equal(2, rows.Count);
        var e = rows[0].Event!;
        Assert.Equal("partner-rdp", e.FeedName);
        Assert.Equal("Partner CERT", e.FeedProvider);
        Assert.Equal("open-rdp", e.ClassificationIdentifier);
        Assert.Equal("192.0.2.10", e.SourceIp!.ToString());
        Assert.Equal(3389, e.SourcePort);
        Assert.Equal("rdp.example.nl", e.SourceReverseDns);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), e.TimeSource);
        Assert.Equal("first seen", e.Extra["note"]);
        Assert.Equal("tcp", e.ProtocolTransport);
        Assert.Null(rows[1].Event!.SourceReverseDns);
    }

    [Fact]
    public void Every_problem_in_a_mapping_is_reported_with_its_line_and_column()
    {
        const string yaml = """
            name: broken
            colour: blue
            constants:
              classification.taxonomie: vulnerable
              source.port: not-a-port
            fields:
              - target: source.ipp
                source: address
              - target: source.port
                source: port
                conversion: convert_integer
              - target: source.fqdn
                source: host
                conversion: scan_exchange_type
            """;

        var ex = Assert.Throws<InvalidMappingException>(() => MappingLoader.Load(yaml, "broken.yaml"));

        var errors = ex.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("line 2, column 1: unknown key 'colour'; a mapping has name, format, delimiter, keep_unmapped, constants, fields", errors);
        Assert.Contains("line 4, column 3: unknown target field 'classification.taxonomie'", errors);
        Assert.Contains("line 5, column 16: 'not-a-port' is not a valid port for source.port", errors);
        Assert.Contains("line 7, column 13: unknown target field 'source.ipp'", errors);
        Assert.Contains(errors, e => e.StartsWith("line 11, column 17: unknown conversion 'convert_integer'; known: add_UTC_to_timestamp", StringComparison.Ordinal));
        Assert.Contains("line 14, column 17: conversion 'scan_exchange_type' reads fixed Shadowserver columns and cannot be used in a mapping", errors);
        Assert.Contains("line 7, column 3: no field fills time.source, which every event needs", errors);
        Assert.Contains("line 7, column 3: no field fills source.ip, which every event needs", errors);
        Assert.Contains("broken.yaml:line 2, column 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: [unclosed", "not valid YAML")]
    [InlineData("- a\n- b", "a mapping is one YAML document")]
    [InlineData("fields: 3", "fields must be a list")]
    public void A_mapping_that_is_not_one_is_a_clear_error(string yaml, string expected)
    {
        var ex = Assert.Throws<InvalidMappingException>(() => MappingLoader.Load(yaml));

        Assert.Contains(ex.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Deeply_nested_YAML_is_refused_before_it_is_built()
    {
        var yaml = "fields: " + new string('[', 50_000) + new string(']', 50_000);

        var ex = Assert.Throws<InvalidMappingException>(() => MappingLoader.Load(yaml));

        Assert.Contains("nested deeper than 16 levels", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSV_without_a_mapped_column_is_rejected_at_line_1_naming_it()
    {
        var mapping = MappingLoader.Load(Minimal.Replace("FORMAT", "csv", StringComparison.Ordinal));

        var rejection = Assert.Single(Parse(mapping, "seen,ip,port\n2026-11-01 10:00:00,192.0.2.1,80\n")).Rejection!;

        Assert.Equal(1, rejection.Line);
        Assert.StartsWith("the file lacks the mapped column(s) 'host.address' (for source.ip, mapping line 9)", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rows_become_rejections_with_line_and_reason_and_good_rows_events()
    {
        var mapping = MappingLoader.Load(Minimal.Replace("FORMAT", "csv", StringComparison.Ordinal).Replace("host.address", "address", StringComparison.Ordinal));

        var rows = Parse(mapping, "seen,address,port\n2026-11-01 10:00:00,192.0.2.1,80\nyesterday,192.0.2.2,80\n2026-11-01 10:00:00,192.0.2.3,eighty\n2026-11-01 10:00:00,,80\n");

        Assert.NotNull(rows[0].Event);
        Assert.Equal((3L, "required field time.source (source 'seen', value 'yesterday'): 'yesterday' is not a valid time for time.source"),
            (rows[1].Line, rows[1].Rejection!.Reason));
        Assert.Equal("yesterday,192.0.2.2,80", rows[1].Rejection!.Raw);
        Assert.Equal("eighty", rows[2].Event!.Extra["port"]); // optional: an invalid value is kept, not lost
        Assert.Null(rows[2].Event!.SourcePort);
        Assert.Contains("required field source.ip (source 'address', value ''): is empty", rows[3].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void JSON_lines_are_read_by_property_path()
    {
        var mapping = MappingLoader.Load(Minimal.Replace("FORMAT", "jsonl", StringComparison.Ordinal));

        var rows = Parse(mapping, """
            {"seen":"2026-11-01T10:00:00Z","host":{"address":"192.0.2.1"},"port":443,"tags":["x"]}
            {"seen":"2026-11-01T10:00:00Z","port":443}

            {"seen":"2026-11-01T10:00:00Z","host":{"address":"192.0.2.3"}}
            """);

        Assert.Equal([1L, 2L, 4L], rows.Select(r => r.Line));
        Assert.Equal("192.0.2.1", rows[0].Event!.SourceIp!.ToString());
        Assert.Equal(443, rows[0].Event!.SourcePort);
        Assert.Equal("[\"x\"]", rows[0].Event!.Extra["tags"]);
        Assert.Equal("required field source.ip: the record has no 'host.address'", rows[1].Rejection!.Reason);
        Assert.Null(rows[2].Event!.SourcePort); // optional and absent
    }

    [Fact]
    public void A_JSON_array_is_read_record_by_record_numbered_by_position()
    {
        var mapping = MappingLoader.Load(Minimal.Replace("FORMAT", "json", StringComparison.Ordinal));

        var rows = Parse(mapping, """[{"seen":"2026-11-01T10:00:00Z","host":{"address":"192.0.2.1"},"port":1}, 7, {"seen":"2026-11-01T10:00:00Z","host":{"address":"192.0.2.2"},"port":2}]""");

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Line));
        Assert.Equal("a record must be a JSON object", rows[1].Rejection!.Reason);
        Assert.Equal(2, rows[2].Event!.SourcePort);
    }

    [Fact]
    public void Deep_JSON_and_over_large_arrays_are_rejections_not_crashes()
    {
        var mapping = MappingLoader.Load(Minimal.Replace("FORMAT", "json", StringComparison.Ordinal));
        var deep = "[" + new string('[', 10_000) + new string(']', 10_000) + "]";

        Assert.Contains("depth", Assert.Single(Parse(mapping, deep)).Rejection!.Reason, StringComparison.OrdinalIgnoreCase);

        var small = new MappedParser(mapping, new ParseLimits { MaxLineBytes = 256, MaxDocumentBytes = 1000 });
        var big = "[" + string.Join(',', Enumerable.Repeat("""{"seen":"2026-11-01T10:00:00Z"}""", 100)) + "]";
        var rejection = Assert.Single(small.Parse(new MemoryStream(Encoding.UTF8.GetBytes(big)), new ParseContext("p.json", null, Reports.ReceivedAt), CancellationToken.None)).Rejection!;
        Assert.StartsWith("the JSON document is larger than the limit of 1,000 bytes", rejection.Reason, StringComparison.Ordinal);
    }
}

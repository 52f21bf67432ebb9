using System.Net;
using System.Text;
using Herald.Events;
using Herald.Tests.Parse;

namespace Herald.Tests.Events;

/// <summary>IntelMQ's one-object-per-line JSON: what Herald writes it reads back unchanged, and what IntelMQ writes it reads.</summary>
public sealed class IntelMqJsonTests
{
    public static TheoryData<string> SampleFiles() => [.. TestData.SampleFileNames()];

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_event_written_and_read_back_writes_the_same_line_and_has_the_same_fields(string fileName)
    {
        var rows = Reports.ParseFile(TestData.Schema, Path.Combine(TestData.SamplesDir, fileName));
        Assert.NotEmpty(rows);

        foreach (var row in rows)
        {
            var original = Assert.IsType<Event>(row.Event);
            var line = IntelMqJson.Write(original);

            var read = IntelMqJson.Read(line, out var error);

            Assert.Null(error);
            Assert.NotNull(read);
            Assert.Equal(line, IntelMqJson.Write(read));
            Assert.Equal(IntelMqJson.Pairs(original), IntelMqJson.Pairs(read));
            Assert.Equal(original.Raw, read.Raw);
        }
    }

    [Fact]
    public void A_line_written_by_intelmq_with_dotted_keys_reads_into_the_typed_fields_and_extra()
    {
        var raw = "\"2026-11-01 10:00:00\",192.0.2.10,tcp,6379";
        var line = "{\"classification.identifier\": \"open-redis\", \"classification.taxonomy\": \"vulnerable\", " +
            "\"classification.type\": \"vulnerable-system\", \"destination.port\": 443, \"extra.naics\": 517311, " +
            "\"extra.ratio\": 1.5, \"extra.auth\": false, \"extra.tag\": \"redis\", \"feed.name\": \"Open-Redis\", " +
            "\"feed.provider\": \"Shadowserver\", \"malware.name\": \"mirai\", \"product.vulnerabilities\": \"cve-2022-0543;cve-2015-4335\", " +
            "\"protocol.application\": \"redis\", \"protocol.transport\": \"tcp\", " +
            $"\"raw\": \"{Convert.ToBase64String(Encoding.UTF8.GetBytes(raw))}\", \"severity\": \"high\", \"source.as_name\": \"EXAMPLE-AS\", " +
            "\"source.asn\": 64500, \"source.geolocation.cc\": \"NL\", \"source.ip\": \"192.0.2.10\", \"source.network\": \"192.0.2.0/24\", " +
            "\"source.port\": 6379, \"source.reverse_dns\": \"redis.example.nl\", \"source.url\": \"http://redis.example.nl/\", " +
            "\"time.observation\": \"2026-11-02T08:00:00+00:00\", \"time.source\": \"2026-11-01T10:00:00+00:00\"}";

        var e = IntelMqJson.Read(line, out var error);

        Assert.Null(error);
        Assert.NotNull(e);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), e.TimeSource);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), e.TimeObservation);
        Assert.Equal("Open-Redis", e.FeedName);
        Assert.Equal("Shadowserver", e.FeedProvider);
        Assert.Equal("vulnerable", e.ClassificationTaxonomy);
        Assert.Equal("vulnerable-system", e.ClassificationType);
        Assert.Equal("open-redis", e.ClassificationIdentifier);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), e.SourceIp);
        Assert.Equal(6379, e.SourcePort);
        Assert.Equal(64500, e.SourceAsn);
        Assert.Equal("EXAMPLE-AS", e.SourceAsName);
        Assert.Equal("192.0.2.0/24", e.SourceNetwork);
        Assert.Equal("redis.example.nl", e.SourceReverseDns);
        Assert.Equal("http://redis.example.nl/", e.SourceUrl);
        Assert.Equal("NL", e.SourceGeolocationCc);
        Assert.Equal("tcp", e.ProtocolTransport);
        Assert.Equal("redis", e.ProtocolApplication);
        Assert.Equal(["CVE-2022-0543", "CVE-2015-4335"], e.ProductVulnerabilities);
        Assert.Equal("high", e.Severity);
        Assert.Equal(raw, e.Raw);
        Assert.Equal("mirai", e.Fields["malware.name"]);
        Assert.Equal("443", e.Fields["destination.port"]);
        Assert.Equal(517311L, e.Extra["naics"]);
        Assert.Equal(1.5, e.Extra["ratio"]);
        Assert.Equal(false, e.Extra["auth"]);
        Assert.Equal("redis", e.Extra["tag"]);
    }

    [Fact]
    public void A_nested_extra_object_from_older_intelmq_reads_into_extra_and_is_written_with_dotted_keys()
    {
        var e = IntelMqJson.Read("{\"source.ip\": \"192.0.2.10\", \"extra\": {\"naics\": 517311, \"tag\": \"redis\", \"open\": true}}", out var error);

        Assert.Null(error);
        Assert.NotNull(e);
        Assert.Equal(517311L, e.Extra["naics"]);
        Assert.Equal("redis", e.Extra["tag"]);
        Assert.Equal(true, e.Extra["open"]);
        Assert.Equal("{\"extra.naics\":517311,\"extra.open\":true,\"extra.tag\":\"redis\",\"source.ip\":\"192.0.2.10\"}", IntelMqJson.Write(e));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(1.5)]
    [InlineData(1e20)]
    [InlineData(0.1)]
    public void A_float_in_extra_stays_a_float_through_write_and_read(double value)
    {
        var e = new Event { Extra = { ["ratio"] = value } };

        var read = IntelMqJson.Read(IntelMqJson.Write(e), out var error);

        Assert.Null(error);
        Assert.Equal(value, Assert.IsType<double>(read!.Extra["ratio"]));
    }

    [Fact]
    public void A_float_that_json_cannot_hold_is_written_as_text_rather_than_failing()
    {
        var e = new Event { Extra = { ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity } };

        Assert.Equal("{\"extra.inf\":\"Infinity\",\"extra.nan\":\"NaN\"}", IntelMqJson.Write(e));
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_read_as_its_text_and_can_be_written_again()
    {
        var e = IntelMqJson.Read("{\"extra.big\": 1e400}", out var error);

        Assert.Null(error);
        Assert.NotNull(e);
        Assert.Equal("1e400", e.Extra["big"]);
        Assert.Equal("{\"extra.big\":\"1e400\"}", IntelMqJson.Write(e));
    }

    [Theory]
    [InlineData("{\"source.ip\": \"192.0.2.10\"", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("source.ip=192.0.2.10", "not valid JSON")]
    [InlineData("[{\"source.ip\": \"192.0.2.10\"}]", "JSON object")]
    [InlineData("\"192.0.2.10\"", "JSON object")]
    [InlineData("{\"raw\": \"not base64!\"}", "raw")]
    [InlineData("{\"source.ip\": \"999.1.1.1\"}", "source.ip")]
    [InlineData("{\"source.ip\": \"192.0.2.0/24\"}", "source.ip")]
    [InlineData("{\"source.port\": 70000}", "source.port")]
    [InlineData("{\"time.source\": \"yesterday\"}", "time.source")]
    [InlineData("{\"a\": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", "not valid JSON")]
    public void A_line_that_is_no_valid_intelmq_event_gives_an_error_not_an_exception(string line, string mentioned)
    {
        var e = IntelMqJson.Read(line, out var error);

        Assert.Null(e);
        Assert.NotNull(error);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_with_a_lone_surrogate_gives_an_error_not_an_exception()
    {
        var e = IntelMqJson.Read("{\"extra.tag\": \"\uD800\"}", out var error);

        Assert.Null(e);
        Assert.NotNull(error);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Herald.Parse;
using Herald.Parse.Xarf;

namespace Herald.Tests.Parse;

/// <summary>X-ARF v4 reports in: every published sample, validated against the published schemas, and broken ones.</summary>
public sealed class XarfTests
{
    private static readonly Lazy<XarfSchemas> Schemas = new(() => XarfSchemas.Load(TestData.XarfSchemasDir));

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(TestData.XarfSamplesDir, "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    private static List<ParsedRow> Parse(string json, ParseLimits? limits = null) =>
        [.. new XarfParser(Schemas.Value, limits).Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), new ParseContext("x.json", null, Reports.ReceivedAt), CancellationToken.None)];

    private static string Sample(string name) => File.ReadAllText(Path.Combine(TestData.XarfSamplesDir, name));

    [Fact]
    public void There_are_32_samples() => Assert.Equal(32, Samples().Count);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_is_valid_and_becomes_one_classified_event(string name)
    {
        var json = JsonNode.Parse(Sample(name))!;

        var e = Assert.Single(Parse(Sample(name))).Event;

        Assert.NotNull(e);
        var source = json["source_identifier"]!.GetValue<string>();
        Assert.Equal(source, e.SourceIp?.ToString() ?? e.SourceFqdn);
        Assert.Equal(json["reporter"]!["org"]!.GetValue<string>(), e.FeedProvider);
        Assert.NotNull(e.TimeSource);
        // Only reputation reports have no more specific RSIT class than "other".
        Assert.True(e.ClassificationTaxonomy != "other" || json["category"]!.GetValue<string>() == "reputation", e.ClassificationTaxonomy);
        Assert.Equal($"xarf-{json["category"]}-{json["type"]}".Replace('_', '-'), e.ClassificationIdentifier);
        var written = global::Herald.Events.IntelMqJson.Write(e);
        Assert.Equal(written, global::Herald.Events.IntelMqJson.Write(global::Herald.Events.IntelMqJson.Read(written, out _)!));
        if (json["url"] is { } url) Assert.Equal(url.GetValue<string>(), e.SourceUrl);
        if (json["source_port"] is { } port) Assert.Equal(port.GetValue<int>(), e.SourcePort);
    }

    [Fact]
    public void The_classification_follows_RSIT()
    {
        var ddos = Assert.Single(Parse(Sample("connection-ddos.json"))).Event!;
        Assert.Equal(("availability", "ddos", "192.0.2.155"), (ddos.ClassificationTaxonomy, ddos.ClassificationType, ddos.SourceIp!.ToString()));
        Assert.Equal("203.0.113.100", ddos.Fields["destination.ip"]);
        var phishing = Assert.Single(Parse(Sample("content-phishing.json"))).Event!;
        Assert.Equal(("fraud", "phishing", "http://secure-banking-login.example.com/auth"), (phishing.ClassificationTaxonomy, phishing.ClassificationType, phishing.SourceUrl));
        Assert.Equal(2L, phishing.Extra["evidence_count"]);
        var cve = Assert.Single(Parse(Sample("vulnerability-cve.json"))).Event!;
        Assert.Equal("vulnerable", cve.ClassificationTaxonomy);
        Assert.NotEmpty(cve.ProductVulnerabilities);
    }

    [Fact]
    public void A_report_without_a_required_property_is_rejected_with_the_schemas_path()
    {
        var json = JsonNode.Parse(Sample("connection-ddos.json"))!.AsObject();
        json.Remove("reporter");
        json["source_port"] = "eighty";

        var rejection = Assert.Single(Parse(json.ToJsonString())).Rejection!;

        Assert.Equal(1, rejection.Line);
        Assert.StartsWith("not a valid X-ARF v4 report: ", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("reporter", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("/source_port", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_category_and_type_is_rejected()
    {
        var json = JsonNode.Parse(Sample("connection-ddos.json"))!.AsObject();
        json["type"] = "teleportation";

        Assert.StartsWith("not a valid X-ARF v4 report", Assert.Single(Parse(json.ToJsonString())).Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_array_of_reports_gives_one_row_each_numbered_by_position()
    {
        var rows = Parse("[" + Sample("connection-ddos.json") + ",{\"xarf_version\":\"4.2.0\"}," + Sample("messaging-spam.json") + "]");

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Line));
        Assert.NotNull(rows[0].Event);
        Assert.NotNull(rows[1].Rejection);
        Assert.NotNull(rows[2].Event);
    }

    [Fact]
    public void Deeply_nested_and_over_large_reports_are_rejections()
    {
        var deep = Sample("connection-ddos.json").Replace("\"tags\":", "\"deep\":" + new string('[', 5000) + new string(']', 5000) + ",\"tags\":", StringComparison.Ordinal);
        Assert.Contains("depth", Assert.Single(Parse(deep)).Rejection!.Reason, StringComparison.OrdinalIgnoreCase);

        var small = new ParseLimits { MaxLineBytes = 256, MaxDocumentBytes = 512 };
        Assert.StartsWith("the JSON document is larger than the limit", Assert.Single(Parse(Sample("connection-ddos.json"), small)).Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_schemas_are_a_clear_configuration_error()
    {
        var ex = Assert.Throws<UserException>(() => XarfSchemas.Load(Path.Combine(Path.GetTempPath(), "no-such-xarf-schemas")));

        Assert.Contains("HERALD_XARF_SCHEMAS", ex.Message, StringComparison.Ordinal);
    }
}

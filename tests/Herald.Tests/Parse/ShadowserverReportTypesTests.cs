using Herald.Events;
using Herald.Parse;

namespace Herald.Tests.Parse;

/// <summary>Every report type of the published schema, fed a one-row report built from the schema itself.</summary>
public sealed class ShadowserverReportTypesTests
{
    private const string Timestamp = "2026-11-01 10:00:00";
    private const string Ip = "192.0.2.10";

    public static TheoryData<string> ReportTypes() =>
        [.. TestData.Schema.Reports.Select(r => r.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_published_schema_describes_170_report_types()
    {
        Assert.Equal(170, TestData.Schema.Reports.Count);
    }

    [Theory]
    [MemberData(nameof(ReportTypes))]
    public void Every_report_type_parses_a_synthetic_row_into_one_event_with_the_schema_constants(string reportType)
    {
        var mapping = TestData.Schema.Find(reportType)!;

        var rows = Reports.Parse(TestData.Schema, SyntheticReport(mapping), "report.csv", reportType);

        var row = Assert.Single(rows);
        Assert.Null(row.Rejection?.Reason);
        var e = Assert.IsType<Event>(row.Event);
        var fields = Reports.Fields(e);
        foreach (var (key, value) in mapping.Constants)
        {
            // IntelMQ's harmonisation lower-cases protocol.* ("CouchDB" becomes "couchdb"); classification is kept as is.
            var comparison = key.StartsWith("classification.", StringComparison.Ordinal) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            Assert.True(string.Equals(value, fields.GetValueOrDefault(key) as string, comparison), $"{key}: expected '{value}', got '{fields.GetValueOrDefault(key)}'");
        }
        Assert.Equal(mapping.FeedName, e.FeedName);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), e.TimeSource);
        if (mapping.Required.Any(f => f.Target == EventFields.SourceIp)) Assert.Equal(Ip, e.SourceIp?.ToString());
        if (mapping.Required.Any(f => f.Target == EventFields.SourcePort)) Assert.Equal(443, e.SourcePort);
    }

    /// <summary>A header of every column the schema names and one row of plausible values for them.</summary>
    private static string SyntheticReport(ReportMapping mapping)
    {
        var byColumn = mapping.Required.Concat(mapping.Optional).GroupBy(f => f.Column, StringComparer.Ordinal).ToList();
        var header = byColumn.Select(g => Quote(g.Key));
        var values = byColumn.Select(g => Quote(PlausibleValue([.. g])));
        return string.Join(',', header) + "\n" + string.Join(',', values) + "\n";
    }

    private static string PlausibleValue(IReadOnlyList<FieldMapping> fields)
    {
        bool Any(Func<FieldMapping, bool> test) => fields.Any(test);
        bool Converts(params Conversion[] conversions) => Any(f => conversions.Contains(f.Conversion));
        bool Targets(string suffix) => Any(f => f.TargetFor.EndsWith(suffix, StringComparison.Ordinal));

        if (Converts(Conversion.AddUtcToTimestamp, Conversion.ConvertDate, Conversion.ConvertDateUtc)) return Timestamp;
        if (Converts(Conversion.ValidateIp) || Targets(".ip")) return Ip;
        if (Converts(Conversion.ValidateNetwork)) return "192.0.2.0/24";
        if (Converts(Conversion.ValidateFqdn)) return "host.example.nl";
        if (Targets(".port")) return "443";
        if (Targets(".asn")) return "64500";
        if (Targets("geolocation.cc")) return "NL";
        if (Converts(Conversion.ConvertBool)) return "true";
        if (Converts(Conversion.ConvertFloat)) return "1.5";
        if (Converts(Conversion.ConvertInt, Conversion.InvalidateZero)) return "1";
        return "x";
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

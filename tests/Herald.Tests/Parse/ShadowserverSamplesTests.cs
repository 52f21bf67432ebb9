using System.Text;
using Herald.Events;

namespace Herald.Tests.Parse;

/// <summary>The anonymised real reports in <c>tests/data/shadowserver/samples</c>, one per report type.</summary>
public sealed class ShadowserverSamplesTests
{
    private static readonly string[] ClassificationFields =
        [EventFields.ClassificationTaxonomy, EventFields.ClassificationType, EventFields.ClassificationIdentifier];

    public static TheoryData<string> SampleFiles() => [.. TestData.SampleFileNames()];

    [Fact]
    public void The_samples_folder_holds_a_report_for_each_of_the_47_sample_types()
    {
        Assert.Equal(47, TestData.SampleFileNames().Count());
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_file_gives_events_and_no_rejections(string fileName)
    {
        var rows = Reports.ParseFile(TestData.Schema, Path.Combine(TestData.SamplesDir, fileName));

        var rejections = rows.Where(r => r.Rejection is not null).Select(r => $"line {r.Line}: {r.Rejection!.Reason}").ToList();
        Assert.True(rejections.Count == 0, string.Join(Environment.NewLine, rejections));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.NotNull(r.Event));
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_file_gives_events_with_the_schema_classification_and_feed_name(string fileName)
    {
        var mapping = TestData.Schema.FindByFileName(fileName);
        Assert.NotNull(mapping);

        var events = Events(fileName);

        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            var fields = Reports.Fields(e);
            foreach (var key in ClassificationFields)
                if (mapping.Constants.TryGetValue(key, out var expected))
                    Assert.Equal(expected, fields.GetValueOrDefault(key));
            Assert.Equal(mapping.FeedName, e.FeedName);
            Assert.Equal("Shadowserver", e.FeedProvider);
        }
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_event_keeps_its_raw_line_and_its_required_fields(string fileName)
    {
        var mapping = TestData.Schema.FindByFileName(fileName)!;
        var text = File.ReadAllText(Path.Combine(TestData.SamplesDir, fileName), Encoding.UTF8);
        var needsIp = mapping.Required.Any(f => f.Target == EventFields.SourceIp);

        foreach (var e in Events(fileName))
        {
            Assert.False(string.IsNullOrEmpty(e.Raw));
            Assert.Contains(e.Raw, text, StringComparison.Ordinal);
            Assert.NotNull(e.TimeSource);
            // blocklist lists networks as well as addresses in its `ip` column; those become source.network.
            if (needsIp) Assert.True(e.SourceIp is not null || e.SourceNetwork is not null, $"no source.ip in {e.Raw}");
        }
    }

    private static List<Event> Events(string fileName) =>
        [.. Reports.ParseFile(TestData.Schema, Path.Combine(TestData.SamplesDir, fileName)).Where(r => r.Event is not null).Select(r => r.Event!)];
}

using Herald.Decide;
using Herald.Decide.Rules;
using Herald.Enrich;
using Herald.Parse;

namespace Herald.Tests.Decide;

public sealed class DryRunTests
{
    public static TheoryData<string> Samples => new(TestData.SampleFileNames());

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_dry_run_over_a_sample_report_gives_every_event_a_route_and_reasons(string sample)
    {
        var decider = Decisions.Decider(reportType: Path.GetFileNameWithoutExtension(sample));
        var enricher = new Enricher(null, new OrganisationMatcher([]), new Dictionary<long, Herald.Storage.NetworkOwner>());
        var summary = new DryRunSummary();
        using var content = File.OpenRead(Path.Combine(TestData.SamplesDir, sample));
        foreach (var row in new ShadowserverParser(TestData.Schema).Parse(content, new ParseContext(sample, null, Decisions.Now), CancellationToken.None))
            if (row.Event is { } e) summary.Add(decider.Decide(enricher.Enrich(e)));

        Assert.True(summary.Events > 0);
        Assert.Equal(summary.Events, summary.Rows.Sum(r => r.Count));
        Assert.All(summary.Rows, r => Assert.NotEmpty(r.ExampleReasons));
        // The samples are years old or abroad: the framework discards them, and says why.
        Assert.All(summary.Rows, r => Assert.Equal(Route.Discard, r.Route));
        Assert.All(summary.Rows, r => Assert.Contains(r.Rule, new[] { "stale-observation", "outside-constituency" }));
    }
}

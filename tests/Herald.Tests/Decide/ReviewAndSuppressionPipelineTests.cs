using Herald.Decide;
using Herald.Decide.Review;
using Herald.Decide.Suppress;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Decide;

/// <summary>The decision stage in the real pipeline: held directives through four-eyes review, sightings and inhibitions kept in the database.</summary>
public sealed class ReviewAndSuppressionPipelineTests : IDisposable
{
    private const string Header = "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"";

    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(Decisions.Now);

    public void Dispose() => _dir.Dispose();

    private async Task<HeraldRuntime> RuntimeAsync(string? rules = null, DecisionOptions? decision = null)
    {
        var runtime = new HeraldRuntime(new HeraldOptions
        {
            DataDirectory = Path.Combine(_dir.Path, "data"),
            SchemaPath = TestData.SchemaPath,
            RoutingDirectory = Path.Combine(_dir.Path, "no-routing"),
            Decision = decision ?? new DecisionOptions(),
        }, _time);
        if (rules is not null)
        {
            Directory.CreateDirectory(runtime.Options.RulesDirectory);
            await File.WriteAllTextAsync(Path.Combine(runtime.Options.RulesDirectory, "local.yaml"), rules);
        }
        await runtime.InitialiseAsync(CancellationToken.None);
        await using var db = runtime.Database.Open();
        db.Partners.Add(new Partner { Code = "ncsc", Name = "Nationaal CSIRT", Kind = PartnerKind.NationalCsirt, Email = "cert@ncsc.example" });
        db.Organisations.Add(new Organisation
        {
            KvkNumber = "10000003",
            Name = "Bakkerij Jansen B.V.",
            Sector = "retail",
            Assets = [new OrganisationAsset { Kind = AssetKind.Network, Value = "192.0.2.32/28" }],
            Contacts = [new Contact { Email = "security@bakkerij-jansen.example" }],
        });
        await db.SaveChangesAsync();
        return runtime;
    }

    private string Report(string name, params string[] ips)
    {
        var path = Path.Combine(_dir.Path, $"2026-11-0{name}-scan_http_vulnerable-nl-geo.csv");
        File.WriteAllText(path, Header + "\n" + string.Join("\n", ips.Select(ip => $"\"2026-11-01 10:00:00\",{ip},tcp,443,,\"cve-2021-41773\",64500,NL,R,C,0,0,HTTP/1.1,200")) + "\n");
        return path;
    }

    [Fact]
    public async Task A_held_directive_waits_is_refused_to_its_rule_author_and_goes_out_when_another_analyst_approves()
    {
        var runtime = await RuntimeAsync("""
            author: alice
            rules:
              - id: review-everything
                set: { review: true }
                reason: every warning is checked first
              - id: direct
                when: { contact-available: true }
                route: direct
                reason: "{organisation.name} warned directly"
            """);
        var summary = await runtime.CreateProcessor().ProcessFileAsync(Report("1", "192.0.2.33", "192.0.2.34"), null, "test", null, CancellationToken.None);

        Assert.Equal(2, summary.Routes[Route.HoldForReview]);
        Assert.Equal(0, summary.WarningsCreated);
        await using var db = runtime.Database.Open();
        var item = Assert.Single(await ReviewQueue.ListAsync(db, false, CancellationToken.None));
        Assert.Equal((Route?)Route.Direct, item.ProposedRoute);
        Assert.Equal(("review-everything", "alice", 2), (item.HeldBy, item.HeldByAuthor, item.DirectiveCount));

        var queue = new ReviewQueue(_time);
        var refused = await queue.DecideAsync(db, item.Id, approve: true, "Alice", "looks fine", CancellationToken.None);
        Assert.False(refused.Done);
        Assert.Contains("four eyes", refused.Message, StringComparison.Ordinal);

        var approved = await queue.DecideAsync(db, item.Id, approve: true, "bob", "checked the scan", CancellationToken.None);
        Assert.True(approved.Done);
        var (created, written) = await runtime.CreateProcessor().NotifyAsync(CancellationToken.None);
        Assert.Equal((1, 1), (created, written));
        Assert.Equal(2, await db.Directives.CountAsync(d => d.Route == Route.Direct && d.NotificationId != null));
        Assert.Contains(await db.Audit.Select(a => a.Action).ToListAsync(), a => a == "review.approved");
        Assert.False((await queue.DecideAsync(db, item.Id, approve: false, "carol", "too late", CancellationToken.None)).Done);
    }

    [Fact]
    public async Task The_same_asset_in_a_later_report_is_suppressed_counted_and_held_until_the_recipient_limit_allows()
    {
        var runtime = await RuntimeAsync();
        var processor = runtime.CreateProcessor();
        await processor.ProcessFileAsync(Report("1", "192.0.2.33"), null, "test", null, CancellationToken.None);

        _time.Now = Decisions.Now.AddHours(2);
        var second = await processor.ProcessFileAsync(Report("2", "192.0.2.33", "192.0.2.34"), null, "test", null, CancellationToken.None);

        Assert.Equal(1, second.Routes[Route.Suppressed]);
        Assert.Equal(1, second.Routes[Route.Deferred]);
        Assert.Equal(0, second.WarningsCreated);
        await using var db = runtime.Database.Open();
        var sighting = await db.Sightings.SingleAsync(s => s.Asset == "192.0.2.33:443");
        Assert.Equal(("org:1", "vulnerable-http", 1, 1), (sighting.OrganisationKey, sighting.Issue, sighting.WarnedCount, sighting.SuppressedCount));
        var stored = await db.Directives.SingleAsync(d => d.Route == Route.Suppressed);
        Assert.Equal("duplicate", stored.Suppression);
        Assert.Contains("duplicate-within-week", stored.FiredRules, StringComparison.Ordinal);
        Assert.StartsWith("1:", stored.RuleSetVersion, StringComparison.Ordinal);

        _time.Now = Decisions.Now.AddDays(1).AddMinutes(1);
        var (created, _) = await processor.NotifyAsync(CancellationToken.None);
        Assert.Equal(1, created);
        Assert.Equal(0, await db.Directives.CountAsync(d => d.Route == Route.Deferred));
    }

    [Fact]
    public async Task A_route_left_out_of_the_recipient_limit_settings_is_never_deferred()
    {
        var runtime = await RuntimeAsync(decision: new DecisionOptions { RecipientLimitRoutes = new HashSet<Route>([Route.NetworkOwner]) });
        var processor = runtime.CreateProcessor();
        await processor.ProcessFileAsync(Report("1", "192.0.2.33"), null, "test", null, CancellationToken.None);

        _time.Now = Decisions.Now.AddHours(2);
        var second = await processor.ProcessFileAsync(Report("2", "192.0.2.34"), null, "test", null, CancellationToken.None);

        Assert.False(second.Routes.ContainsKey(Route.Deferred));
        Assert.Equal(1, second.Routes[Route.Direct]);
        Assert.Equal(1, second.WarningsCreated);
    }

    [Fact]
    public async Task An_inhibition_suppresses_matching_warnings_until_it_is_removed()
    {
        var runtime = await RuntimeAsync();
        var registry = new InhibitionRegistry(_time);
        await using var db = runtime.Database.Open();
        var (bad, problems) = await registry.AddAsync(db, "{organisation.kvk: [10000003}", "x", "alice", Decisions.Now.AddDays(1), false, CancellationToken.None);
        Assert.Null(bad);
        Assert.Equal(1, Assert.Single(problems).Line);
        var (inhibition, _) = await registry.AddAsync(db, "{organisation.kvk: '10000003'}", "handled by phone", "alice", Decisions.Now.AddDays(30), false, CancellationToken.None);

        var summary = await runtime.CreateProcessor().ProcessFileAsync(Report("1", "192.0.2.33"), null, "test", null, CancellationToken.None);

        Assert.Equal(1, summary.Routes[Route.Suppressed]);
        Assert.Equal("inhibition", (await db.Directives.SingleAsync()).Suppression);
        Assert.True(await registry.RemoveAsync(db, inhibition!.Id, "bob", CancellationToken.None));
        Assert.Empty(await InhibitionRegistry.ListAsync(db, false, Decisions.Now, CancellationToken.None));
        Assert.Equal(["inhibition.added", "inhibition.removed"], await db.Audit.Where(a => a.Action.StartsWith("inhibition.")).Select(a => a.Action).ToListAsync());
    }
}

using Herald.Decide;
using Herald.Decide.Suppress;
using Herald.Enrich;
using static Herald.Tests.Decide.Decisions;

namespace Herald.Tests.Decide;

/// <summary>Every route and every kind of suppression of the shipped rule set, one row each.</summary>
public sealed class DefaultRoutingTests
{
    public static TheoryData<string, Route, string?, string, string?> Routes => new()
    {
        { "vital", Route.NationalCsirt, "cert@ncsc.example", "vital-to-national-csirt", null },
        { "member", Route.Partner, "meldingen@z-cert.example", "member-to-partner", null },
        { "contact", Route.Direct, "security@bakkerij-jansen.example", "direct", null },
        { "no contact", Route.NetworkOwner, "abuse@hosting.example", "network-owner", null },
        { "no organisation", Route.NetworkOwner, "abuse@hosting.example", "network-owner", null },
        { "abroad", Route.Discard, null, "outside-constituency", null },
        { "stale", Route.Discard, null, "stale-observation", null },
        { "unreliable", Route.Discard, null, "unreliable-source", null },
        { "nowhere", Route.HoldForReview, null, "no-location", null },
        { "no recipient", Route.HoldForReview, null, "no-recipient", null },
        { "unassessed type", Route.HoldForReview, "security@bakkerij-jansen.example", "direct", "direct" },
        { "vital critical", Route.HoldForReview, "cert@ncsc.example", "vital-to-national-csirt", "national-csirt" },
        { "duplicate", Route.Suppressed, null, "duplicate-within-week", null },
        { "inhibited", Route.Suppressed, "security@bakkerij-jansen.example", "direct", null },
        { "inhibited for review", Route.HoldForReview, "security@bakkerij-jansen.example", "direct", "direct" },
        { "over the recipient limit", Route.Deferred, "security@bakkerij-jansen.example", "direct", "direct" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void The_default_rules_route_each_case_with_its_recipient_and_reasons(string scenario, Route route, string? recipient, string decidedBy, string? proposed)
    {
        var (decider, e) = Scenario(scenario);

        var d = decider.Decide(e);

        Assert.Equal(route, d.Route);
        Assert.Equal(recipient, d.RecipientEmail);
        Assert.Equal(decidedBy, d.FiredRules[^1]);
        Assert.Equal(proposed, d.ProposedRoute is { } p ? RouteNames.Name(p) : null);
        Assert.Equal(Shipped.Version, d.RuleSetVersion);
        Assert.NotEmpty(d.Reasons);
        Assert.All(d.Reasons, r => Assert.DoesNotContain("{", r, StringComparison.Ordinal));
        if (route == Route.Suppressed) Assert.Equal(scenario == "duplicate" ? "duplicate" : "inhibition", d.Suppression);
    }

    [Fact]
    public void A_duplicate_inside_one_report_is_suppressed_and_counted()
    {
        var decider = Decider();
        var first = decider.Decide(Event("192.0.2.33", WithContact));
        var second = decider.Decide(Event("192.0.2.33", WithContact));
        var otherIssue = decider.Decide(Event("192.0.2.33", WithContact, identifier: "open-rdp"));

        Assert.Equal(Route.Direct, first.Route);
        Assert.Equal(Route.Suppressed, second.Route);
        Assert.Equal("duplicate", second.Suppression);
        Assert.Equal(Route.Direct, otherIssue.Route);
    }

    [Fact]
    public void A_rule_that_suppresses_without_seen_before_is_a_rule_suppression()
    {
        var rules = Rules("""
            rules:
              - id: quiet-honeypots
                when: { classification.identifier: [honeypot-ddos] }
                suppress: true
                reason: honeypot events are counted, not warned
              - id: rest
                route: direct
                reason: direct
            """);

        var d = Decider(rules).Decide(Event("192.0.2.33", WithContact, identifier: "honeypot-ddos"));

        Assert.Equal(Route.Suppressed, d.Route);
        Assert.Equal("rule", d.Suppression);
        Assert.Equal(["honeypot events are counted, not warned"], d.Reasons.Skip(1));
    }

    private static (RuleDecider Decider, EnrichedEvent Event) Scenario(string scenario)
    {
        var kev = Herald.Decide.Rules.KevCatalogue.Of(["CVE-2023-4966"]);
        switch (scenario)
        {
            case "vital": return (Decider(), Event("192.0.2.1", Vital));
            case "member": return (Decider(), Event("192.0.2.17", Member));
            case "contact": return (Decider(), Event("192.0.2.33", WithContact));
            case "no contact": return (Decider(), Event("198.51.100.5", WithoutContact, Owner));
            case "no organisation": return (Decider(), Event("198.51.100.200", null, Owner));
            case "abroad": return (Decider(), Event("203.0.113.5", null, Owner, country: "US"));
            case "stale": return (Decider(), Event("192.0.2.33", WithContact, ageHours: 24 * 31));
            case "unreliable": return (Decider(reliability: 'D'), Event("192.0.2.33", WithContact));
            case "nowhere": return (Decider(), Event("192.0.2.99", null, null, country: null));
            case "no recipient": return (Decider(), Event("203.0.113.77"));
            case "unassessed type": return (Decider(reportType: "scan_brand_new"), Event("192.0.2.33", WithContact, identifier: "brand-new"));
            case "vital critical": return (Decider(environment: Environment(kev: kev)), Event("192.0.2.1", Vital, cves: ["CVE-2023-4966"]));
            case "duplicate":
                var environment = Environment();
                var e = Event("192.0.2.33", WithContact);
                environment.Sightings.Warned(SightingKey.Of(e, "scan_http_vulnerable"), Now.AddDays(-2));
                return (Decider(environment: environment), e);
            case "inhibited":
            case "inhibited for review":
                var inhibition = new Inhibition
                {
                    Id = 7,
                    Condition = "{organisation.kvk: '10000003'}",
                    Reason = "handled by phone",
                    Owner = "alice",
                    ExpiresAt = Now.AddDays(30),
                    Hold = scenario == "inhibited for review",
                };
                return (Decider(environment: Environment(inhibitions: new InhibitionSet([inhibition]))), Event("192.0.2.33", WithContact));
            case "over the recipient limit":
                var history = new RecipientHistory(new Dictionary<string, List<DateTimeOffset>> { ["security@bakkerij-jansen.example"] = [Now.AddHours(-3)] });
                return (Decider(environment: Environment(history: history)), Event("192.0.2.33", WithContact));
            default: throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }
    }
}

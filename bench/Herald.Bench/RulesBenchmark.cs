using System.Diagnostics;
using System.Net;
using Herald.Decide;
using Herald.Decide.Rules;
using Herald.Enrich;
using Herald.Events;
using Herald.Storage;

namespace Herald.Bench;

/// <summary>
/// Decisions per second with the shipped default rule set on one thread: rule evaluation alone, and the whole
/// decision (rules, recipient, inhibitions, sightings, directive). Events are made in memory beforehand: a
/// mix of vital, member, direct, network-owner, foreign and stale observations.
/// </summary>
internal static class RulesBenchmark
{
    public static void Run(int events, int passes)
    {
        var now = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var time = new FixedTime(now);
        var rules = RuleSetLoader.Load(RuleSetProvider.Shipped()).RuleSet!;
        Partner[] partners =
        [
            new() { Code = "ncsc", Name = "NCSC", Kind = PartnerKind.NationalCsirt, Email = "cert@ncsc.example" },
            new() { Code = "z-cert", Name = "Z-CERT", Kind = PartnerKind.Cert, Email = "cert@z-cert.example" },
        ];
        var input = Make(events, now);
        var report = new ReportContext("scan_http_vulnerable", "shadowserver", 'B', now);

        Console.WriteLine($"default rule set: {rules.Count} rules; {events:N0} distinct events; {passes} passes; one thread");
        var evaluateBest = double.MaxValue;
        var decideBest = double.MaxValue;
        var routes = new Dictionary<Route, int>();
        for (var pass = 0; pass < passes; pass++)
        {
            // A fresh environment per pass, so every pass decides first sightings rather than duplicates.
            var decider = new RuleDecider(rules, DecisionEnvironment.Detached(new DecisionOptions(), partners, KevCatalogue.Empty), report, time);
            var clock = Stopwatch.StartNew();
            foreach (var e in input) decider.EvaluateOnly(e);
            evaluateBest = Math.Min(evaluateBest, clock.Elapsed.TotalSeconds);

            routes.Clear();
            clock.Restart();
            foreach (var e in input)
            {
                var d = decider.Decide(e);
                routes[d.Route] = routes.GetValueOrDefault(d.Route) + 1;
            }
            decideBest = Math.Min(decideBest, clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"rule evaluation only       {events / evaluateBest,14:N0} events/s");
        Console.WriteLine($"whole decision (directive) {events / decideBest,14:N0} events/s");
        Console.WriteLine("routes: " + string.Join(", ", routes.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value:N0}")));
    }

    private static List<EnrichedEvent> Make(int count, DateTimeOffset now)
    {
        var random = new Random(42);
        var owner = new NetworkOwner { Asn = 64501, Name = "Voorbeeld Hosting B.V.", AbuseEmail = "abuse@hosting.example" };
        OrganisationInfo[] orgs =
        [
            new(1, "10000001", "Waterbedrijf Zuid", "drinkwater", true, null, null, null, "nl,en"),
            new(2, "10000002", "Zorggroep Oost", "zorg", false, "z-cert", "ict@zorg.example", null, "nl,en"),
            new(3, "10000003", "Bakkerij Jansen", "retail", false, null, "security@bakkerij.example", null, "nl,en"),
            new(4, "10000004", "Garage De Vries", "retail", false, null, null, null, "nl,en"),
        ];
        var list = new List<EnrichedEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(10);
            var ip = new IPAddress(BitConverter.GetBytes(0x0A000000u + (uint)i).Reverse().ToArray());
            var e = new Event
            {
                TimeSource = now.AddHours(kind == 9 ? -24 * 40 : -10),
                ClassificationTaxonomy = "vulnerable",
                ClassificationType = "vulnerable-system",
                ClassificationIdentifier = "vulnerable-http",
                SourceIp = ip,
                SourcePort = 443,
                SourceAsn = 64501,
                SourceGeolocationCc = kind == 8 ? "DE" : "NL",
                ProductVulnerabilities = ["CVE-2021-41773"],
            };
            var org = kind < 4 ? orgs[kind] : null;
            list.Add(new EnrichedEvent(e, org is null ? null : new OrganisationMatch(org, $"{ip} is in a network of {org.Name}"),
                kind == 7 ? null : owner, e.SourceGeolocationCc));
        }
        return list;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

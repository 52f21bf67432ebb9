using System.Net;
using Herald.Decide;
using Herald.Decide.Rules;
using Herald.Decide.Suppress;
using Herald.Enrich;
using Herald.Events;
using Herald.Storage;

namespace Herald.Tests.Decide;

/// <summary>Builders for deciding single events in tests: organisations, network owners, partners, and the clock.</summary>
internal static class Decisions
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly OrganisationInfo Vital = new(1, "10000001", "Waterbedrijf Zuid", "drinkwater", true, null, null, null, "nl,en");
    public static readonly OrganisationInfo Member = new(2, "10000002", "Zorggroep Oost", "zorg", false, "z-cert", "ict@zorggroep-oost.example", null, "nl,en");
    public static readonly OrganisationInfo WithContact = new(3, "10000003", "Bakkerij Jansen B.V.", "retail", false, null, "security@bakkerij-jansen.example", null, "nl,en");
    public static readonly OrganisationInfo WithoutContact = new(5, "10000005", "Garage De Vries", "automotive", false, null, null, null, "nl,en");
    public static readonly NetworkOwner Owner = new() { Asn = 64501, Name = "Voorbeeld Hosting B.V.", AbuseEmail = "abuse@hosting.example" };

    public static readonly Partner[] Partners =
    [
        new() { Code = "ncsc", Name = "Nationaal CSIRT", Kind = PartnerKind.NationalCsirt, Email = "cert@ncsc.example" },
        new() { Code = "z-cert", Name = "Z-CERT", Kind = PartnerKind.Cert, Email = "meldingen@z-cert.example" },
    ];

    public static RuleSet Shipped { get; } = RuleSetLoader.Load(RuleSetProvider.Shipped()).RuleSet!;

    public static EnrichedEvent Event(string ip, OrganisationInfo? org = null, NetworkOwner? owner = null, string? country = "NL",
        int ageHours = 10, string identifier = "vulnerable-http", string[]? cves = null, string? severity = null)
    {
        var e = new Event
        {
            TimeSource = Now.AddHours(-ageHours),
            ClassificationTaxonomy = "vulnerable",
            ClassificationType = "vulnerable-system",
            ClassificationIdentifier = identifier,
            SourceIp = IPAddress.Parse(ip),
            SourcePort = 443,
            SourceAsn = owner?.Asn ?? 64999,
            SourceGeolocationCc = country,
            ProductVulnerabilities = cves ?? [],
            Severity = severity,
        };
        return new EnrichedEvent(e, org is null ? null : new OrganisationMatch(org, $"{ip} is in a network of {org.Name}"), owner, country);
    }

    public static DecisionEnvironment Environment(InhibitionSet? inhibitions = null, RecipientHistory? history = null, KevCatalogue? kev = null) =>
        DecisionEnvironment.Detached(new DecisionOptions(), Partners, kev ?? KevCatalogue.Empty) with
        {
            Inhibitions = inhibitions ?? InhibitionSet.Empty,
            History = history ?? RecipientHistory.Empty,
        };

    public static RuleDecider Decider(RuleSet? rules = null, DecisionEnvironment? environment = null, char reliability = 'B',
        string reportType = "scan_http_vulnerable") =>
        new(rules ?? Shipped, environment ?? Environment(), new ReportContext(reportType, "shadowserver", reliability, Now), new Support.TestTime(Now));

    public static RuleSet Rules(string yaml)
    {
        var result = RuleSetLoader.Load([new RuleSource("test.yaml", yaml)]);
        Assert.True(result.RuleSet is not null, string.Join("\n", result.Problems));
        return result.RuleSet!;
    }
}

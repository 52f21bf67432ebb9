using System.Globalization;
using System.Text.Json.Nodes;
using Herald.Decide.Suppress;
using Herald.Enrich;
using Herald.Events;
using Herald.Storage;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Herald.Decide.Rules;

/// <summary>
/// A rule test suite (<c>*.suite.yaml</c>, kept beside the rules): partners, the report, and cases of one event
/// with its enrichment in and the expected directive out. See docs/rules.md for the format.
/// </summary>
public sealed class RuleTestSuite
{
    private readonly List<Case> _cases = [];
    private readonly List<Partner> _partners = [];
    private KevCatalogue _kev = KevCatalogue.Empty;
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private ReportContext _report = new("scan_http_vulnerable", "shadowserver", 'B', default);

    private RuleTestSuite()
    {
    }

    /// <summary>The rule file the suite names (<c>rules:</c>), relative to the suite; null for the rules beside it.</summary>
    public string? RulesFile { get; private set; }

    public int Count => _cases.Count;

    /// <summary>Reads a suite; problems carry line and column, as for rule files.</summary>
    public static (RuleTestSuite? Suite, IReadOnlyList<RuleProblem> Problems) Load(string text, string name)
    {
        var problems = new RuleProblems(name);
        var suite = new RuleTestSuite();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            problems.Add(ex.Start.Line, ex.Start.Column, (ex.InnerException?.Message ?? ex.Message).Trim());
            return (null, problems.List);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(1, 1, "a rule test suite is one YAML mapping with a 'cases' list");
            return (null, problems.List);
        }
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Scalar(keyNode))
            {
                case "rules": suite.RulesFile = Scalar(value); break;
                case "now":
                    if (Time(value, problems) is { } now) suite._now = now;
                    break;
                case "kev":
                    if (value is YamlSequenceNode kev) suite._kev = KevCatalogue.Of(kev.Children.Select(c => Scalar(c) ?? ""));
                    else problems.Add(value, "'kev' is a list of CVE ids");
                    break;
                case "report":
                    suite._report = Report(value, suite._report, problems);
                    break;
                case "partners":
                    foreach (var p in Items(value, problems)) if (Partner(p, problems) is { } partner) suite._partners.Add(partner);
                    break;
                case "cases":
                    foreach (var c in Items(value, problems)) if (ReadCase(c, suite._report, problems) is { } item) suite._cases.Add(item);
                    break;
                default:
                    problems.Add(keyNode, $"unknown key '{Scalar(keyNode)}'; expected rules, now, kev, report, partners, cases");
                    break;
            }
        }
        return problems.List.Count > 0 ? (null, problems.List) : (suite, []);
    }

    /// <summary>Runs every case against the rules; nothing is stored.</summary>
    public IReadOnlyList<RuleTestResult> Run(RuleSet rules, DecisionOptions options)
    {
        var results = new List<RuleTestResult>();
        var time = new FixedTime(_now);
        foreach (var c in _cases)
        {
            var environment = DecisionEnvironment.Detached(options, _partners, _kev);
            var context = c.Report with { ReceivedAt = _now };
            if (c.SeenBefore is { } ago)
                environment.Sightings.Warned(SightingKey.Of(c.Event, context.ReportType), _now - ago);
            var directive = new RuleDecider(rules, environment, context, time).Decide(c.Event);
            results.Add(new RuleTestResult(c.Name, Compare(c.Expect, directive), directive));
        }
        return results;
    }

    private static List<string> Compare(Dictionary<string, string> expect, Directive d)
    {
        var failures = new List<string>();
        foreach (var (key, want) in expect)
        {
            var (got, ok) = key switch
            {
                "route" => (RouteNames.Name(d.Route), RouteNames.Name(d.Route) == want),
                "proposed-route" => (d.ProposedRoute is { } p ? RouteNames.Name(p) : "none", (d.ProposedRoute is { } q ? RouteNames.Name(q) : "none") == want),
                "recipient" => (d.RecipientEmail ?? "none", string.Equals(d.RecipientEmail ?? "none", want, StringComparison.OrdinalIgnoreCase)),
                "suppression" => (d.Suppression ?? "none", (d.Suppression ?? "none") == want),
                "severity" => (d.Severity is { } s ? Severities.Name(s) : "none", (d.Severity is { } t ? Severities.Name(t) : "none") == want),
                "priority" => (d.Priority ?? "none", (d.Priority ?? "none") == want),
                "held-by" => (d.HeldBy ?? "none", (d.HeldBy ?? "none") == want),
                "rules" => (string.Join(", ", d.FiredRules), string.Join(", ", d.FiredRules) == want),
                "decided-by" => (d.FiredRules.Count > 0 ? d.FiredRules[^1] : "none", (d.FiredRules.Count > 0 ? d.FiredRules[^1] : "none") == want),
                _ => (string.Join(" | ", d.Reasons), d.Reasons.Any(r => r.Contains(want, StringComparison.OrdinalIgnoreCase))),
            };
            if (!ok) failures.Add($"{key}: expected {want}, got {got}");
        }
        return failures;
    }

    private static Case? ReadCase(YamlNode node, ReportContext report, RuleProblems problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Add(node, "a case is a mapping with name, event and expect");
            return null;
        }
        string? name = null;
        Event? ev = null;
        OrganisationInfo? org = null;
        NetworkOwner? owner = null;
        TimeSpan? seen = null;
        var expect = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            switch (Scalar(keyNode))
            {
                case "name": name = Scalar(value); break;
                case "event": ev = ReadEvent(value, problems); break;
                case "organisation": org = Organisation(value, problems); break;
                case "network-owner": owner = Owner(value, problems); break;
                case "report": report = Report(value, report, problems); break;
                case "seen-before":
                    if (Scalar(value) is { } d && Durations.TryParse(d, out var ago)) seen = ago;
                    else problems.Add(value, "expected a duration (e.g. 2d): how long ago the same asset and issue was warned about");
                    break;
                case "expect":
                    foreach (var (k, v) in Pairs(value, problems))
                    {
                        if (k is "route" or "proposed-route" or "recipient" or "suppression" or "severity" or "priority" or "held-by" or "decided-by" or "reason-contains")
                            expect[k] = Scalar(v) ?? "";
                        else if (k == "rules" && v is YamlSequenceNode list) expect[k] = string.Join(", ", list.Children.Select(Scalar));
                        else problems.Add(v, $"unknown expectation '{k}'; expected route, proposed-route, recipient, suppression, severity, priority, held-by, rules, decided-by, reason-contains");
                    }
                    break;
                default:
                    problems.Add(keyNode, $"unknown key '{Scalar(keyNode)}'; expected name, event, organisation, network-owner, report, seen-before, expect");
                    break;
            }
        }
        if (name is null || ev is null || expect.Count == 0)
        {
            problems.Add(map, "a case needs a name, an event and at least one expectation");
            return null;
        }
        var country = ev.SourceGeolocationCc is null or "ZZ" or "XX" ? null : ev.SourceGeolocationCc;
        return new Case(name, new EnrichedEvent(ev, org is null ? null : new OrganisationMatch(org, $"{ev.SourceIp} belongs to {org.Name}"), owner, country),
            report, seen, expect);
    }

    /// <summary>An event written with IntelMQ field names (and <c>cve</c> as a list), read by the IntelMQ JSON reader.</summary>
    private static Event? ReadEvent(YamlNode node, RuleProblems problems)
    {
        var json = new JsonObject();
        foreach (var (key, value) in Pairs(node, problems))
        {
            if (key == "cve" && value is YamlSequenceNode cves) json["product.vulnerabilities"] = string.Join(';', cves.Children.Select(Scalar));
            else if (value is YamlScalarNode { Value: { } v } s && s.Style == ScalarStyle.Plain && long.TryParse(v, CultureInfo.InvariantCulture, out var n)) json[key] = n;
            else json[key] = Scalar(value);
        }
        var e = IntelMqJson.Read(json.ToJsonString(), out var error);
        if (e is null) problems.Add(node, $"the event is not valid: {error}");
        return e;
    }

    private static OrganisationInfo? Organisation(YamlNode node, RuleProblems problems)
    {
        var f = Pairs(node, problems).ToDictionary(p => p.Key, p => Scalar(p.Value), StringComparer.Ordinal);
        return new OrganisationInfo(long.TryParse(f.GetValueOrDefault("id"), CultureInfo.InvariantCulture, out var id) ? id : 1,
            f.GetValueOrDefault("kvk") ?? "00000001", f.GetValueOrDefault("name") ?? "Test B.V.", f.GetValueOrDefault("sector"),
            f.GetValueOrDefault("vital") == "true", f.GetValueOrDefault("partner"), f.GetValueOrDefault("email"), null, "nl,en");
    }

    private static NetworkOwner? Owner(YamlNode node, RuleProblems problems)
    {
        var f = Pairs(node, problems).ToDictionary(p => p.Key, p => Scalar(p.Value), StringComparer.Ordinal);
        if (!long.TryParse(f.GetValueOrDefault("asn"), CultureInfo.InvariantCulture, out var asn) || f.GetValueOrDefault("email") is not { } email)
        {
            problems.Add(node, "a network owner needs asn and email");
            return null;
        }
        return new NetworkOwner { Asn = asn, Name = f.GetValueOrDefault("name") ?? $"AS{asn}", AbuseEmail = email };
    }

    private static Partner? Partner(YamlNode node, RuleProblems problems)
    {
        var f = Pairs(node, problems).ToDictionary(p => p.Key, p => Scalar(p.Value), StringComparer.Ordinal);
        if (f.GetValueOrDefault("code") is not { } code || f.GetValueOrDefault("email") is not { } email)
        {
            problems.Add(node, "a partner needs code and email");
            return null;
        }
        return new Partner
        {
            Code = code,
            Name = f.GetValueOrDefault("name") ?? code,
            Email = email,
            Kind = f.GetValueOrDefault("kind") switch { "national-csirt" => PartnerKind.NationalCsirt, "liaison" => PartnerKind.Liaison, _ => PartnerKind.Cert },
            Sectors = f.GetValueOrDefault("sectors"),
            Asns = f.GetValueOrDefault("asns"),
        };
    }

    private static ReportContext Report(YamlNode node, ReportContext report, RuleProblems problems)
    {
        foreach (var (key, value) in Pairs(node, problems))
        {
            var v = Scalar(value);
            report = key switch
            {
                "type" => report with { ReportType = v },
                "source" => report with { SourceName = v ?? report.SourceName },
                "reliability" when v is [var c and >= 'A' and <= 'F'] => report with { SourceReliability = c },
                _ => Unknown(value, key, report),
            };
        }
        return report;

        ReportContext Unknown(YamlNode at, string key, ReportContext unchanged)
        {
            problems.Add(at, $"'{key}': expected type, source or reliability (A-F)");
            return unchanged;
        }
    }

    private static DateTimeOffset? Time(YamlNode node, RuleProblems problems)
    {
        if (Scalar(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        problems.Add(node, "expected a time, e.g. 2026-11-02T08:00:00Z");
        return null;
    }

    private static IEnumerable<YamlNode> Items(YamlNode node, RuleProblems problems)
    {
        if (node is YamlSequenceNode seq) return seq.Children;
        problems.Add(node, "expected a list");
        return [];
    }

    private static IEnumerable<(string Key, YamlNode Value)> Pairs(YamlNode node, RuleProblems problems)
    {
        if (node is YamlMappingNode map) return map.Children.Select(p => (Scalar(p.Key) ?? "", p.Value));
        problems.Add(node, "expected a mapping");
        return [];
    }

    private static string? Scalar(YamlNode node) => node is YamlScalarNode { Value: { } v } && v is not ("~" or "null") ? v : null;

    private sealed record Case(string Name, EnrichedEvent Event, ReportContext Report, TimeSpan? SeenBefore, Dictionary<string, string> Expect);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

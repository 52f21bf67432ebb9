using Herald.Decide;
using Herald.Decide.Rules;
using static Herald.Tests.Decide.Decisions;

namespace Herald.Tests.Decide;

public sealed class RuleSetLoaderTests
{
    [Fact]
    public void A_malformed_rule_file_is_rejected_with_line_and_column_of_each_problem()
    {
        const string yaml = """
            rules:
              - id: bad
                when:
                  source.port: { min: eighty }
                  colour: red
                route: teleport
                reason: "{nope}"
            """;

        var result = RuleSetLoader.Load([new RuleSource("bad.yaml", yaml)]);

        Assert.Null(result.RuleSet);
        Assert.Contains(result.Problems, p => p is { Line: 4, Column: 27 } && p.Message.Contains("whole number", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p is { Line: 5, Column: 7 } && p.Message.Contains("unknown field 'colour'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p is { Line: 6, Column: 12 } && p.Message.Contains("unknown route 'teleport'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p is { Line: 7, Column: 13 } && p.Message.Contains("{nope}", StringComparison.Ordinal));
        Assert.All(result.Problems, p => Assert.Equal("bad.yaml", p.File));
    }

    [Fact]
    public void A_yaml_syntax_error_is_reported_where_the_parser_stopped()
    {
        var result = RuleSetLoader.Load([new RuleSource("broken.yaml", "rules:\n  - id: x\n    when: {a: [1, 2}\n")]);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.True(problem.Column > 1);
    }

    [Theory]
    [InlineData("rules: []\nextra: 1\n", 2, "unknown key 'extra'")]
    [InlineData("rules:\n  - id: x\n    route: direct\n", 2, "no 'reason'")]
    [InlineData("rules:\n  - id: x\n    route: direct\n    suppress: true\n    reason: r\n", 2, "exactly one action")]
    [InlineData("rules:\n  - id: x\n    when: { source.ip: 192.0.2.1/24 }\n    route: direct\n    reason: r\n", 3, "CIDR")]
    [InlineData("rules:\n  - id: x\n    when: { host: { regex: '[' } }\n    route: direct\n    reason: r\n", 3, "regular expression")]
    [InlineData("rules:\n  - id: x\n    when: { cve: [CVE-1] }\n    route: direct\n    reason: r\n", 3, "not a CVE id")]
    [InlineData("rules:\n  - id: x\n    route: direct\n    reason: r\n  - id: x\n    route: direct\n    reason: r\n", 5, "used twice")]
    public void Each_kind_of_mistake_is_named(string yaml, int line, string message)
    {
        var result = RuleSetLoader.Load([new RuleSource("r.yaml", yaml)]);

        Assert.Null(result.RuleSet);
        Assert.Contains(result.Problems, p => p.Line == line && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("source.ip: 192.0.2.0/24", "192.0.2.33", true)]
    [InlineData("source.ip: [198.51.100.0/24, 192.0.2.32/28]", "192.0.2.33", true)]
    [InlineData("source.ip: { not-cidr: 192.0.2.0/24 }", "192.0.2.33", false)]
    [InlineData("source.port: { min: 400, max: 500 }", "192.0.2.33", true)]
    [InlineData("source.port: { max: 100 }", "192.0.2.33", false)]
    [InlineData("source.port: [22, 443]", "192.0.2.33", true)]
    [InlineData("classification.identifier: { regex: '^vulnerable-' }", "192.0.2.33", true)]
    [InlineData("classification.identifier: VULNERABLE-HTTP", "192.0.2.33", true)]
    [InlineData("cve: [CVE-2021-41773, CVE-2023-4966]", "192.0.2.33", true)]
    [InlineData("cve: { exists: false }", "192.0.2.33", false)]
    [InlineData("age: { within: 1d }", "192.0.2.33", true)]
    [InlineData("age: { over: 1d }", "192.0.2.33", false)]
    [InlineData("severity: { at-least: high }", "192.0.2.33", true)]
    [InlineData("source.reliability: { at-least: A }", "192.0.2.33", false)]
    [InlineData("organisation.sector: [retail, zorg]", "192.0.2.33", true)]
    [InlineData("organisation.vital: true", "192.0.2.33", false)]
    [InlineData("contact-available: true", "192.0.2.33", true)]
    [InlineData("seen-before: 7d", "192.0.2.33", false)]
    [InlineData("report.type: { not-in: [scan_ssh] }", "192.0.2.33", true)]
    public void Conditions_test_what_they_say(string condition, string ip, bool matches)
    {
        var rules = Rules($"""
            rules:
              - id: tested
                when: {"{"} {condition} {"}"}
                route: direct
                reason: matched
              - id: otherwise
                route: discard
                reason: not matched
            """);

        var d = Decider(rules).Decide(Event(ip, WithContact, cves: ["CVE-2021-41773"], severity: "high"));

        Assert.Equal(matches ? Route.Direct : Route.Discard, d.Route);
    }

    [Fact]
    public void Set_rules_add_attributes_and_the_first_routing_rule_decides()
    {
        var rules = Rules("""
            author: alice
            rules:
              - id: mark
                when: { organisation: true }
                set: { template: special, priority: high, interval: 12h, aggregation-key: "{organisation.kvk}-{route}" }
                reason: marked {organisation.name}
              - id: first
                route: direct
                reason: first
              - id: never
                route: discard
                reason: never
            """);

        var d = Decider(rules).Decide(Event("192.0.2.33", WithContact));

        Assert.Equal(Route.Direct, d.Route);
        Assert.Equal(["mark", "first"], d.FiredRules);
        Assert.Equal("special", d.Template);
        Assert.Equal("high", d.Priority);
        Assert.Equal(TimeSpan.FromHours(12), d.Interval);
        Assert.Equal("10000003-direct", d.AggregationKey);
        Assert.Contains("marked Bakkerij Jansen B.V.", d.Reasons);
    }

    [Fact]
    public void The_shipped_rules_load_without_problems()
    {
        var result = RuleSetLoader.Load(RuleSetProvider.Shipped());

        Assert.Empty(result.Problems);
        Assert.Contains("vital-to-national-csirt", result.RuleSet!.RuleIds);
        Assert.Equal(new RecipientLimit(1, TimeSpan.FromDays(1)), result.RuleSet.RecipientLimit);
        Assert.Equal(TimeSpan.FromDays(7), result.RuleSet.SeenBeforeWindow);
    }
}

using Herald.Decide;
using Herald.Decide.Rules;

namespace Herald.Tests.Decide;

public sealed class RuleTestSuiteTests
{
    [Fact]
    public void The_shipped_test_suite_passes_for_the_shipped_rules()
    {
        var (suite, problems) = RuleTestSuite.Load(RuleSetProvider.ShippedText("default.suite.yaml"), "default.suite.yaml");
        Assert.Empty(problems);

        var results = suite!.Run(Decisions.Shipped, new DecisionOptions());

        Assert.True(results.Count >= 17);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {string.Join("; ", r.Failures)}"));
    }

    [Fact]
    public void A_case_whose_directive_differs_fails_with_what_differed()
    {
        const string yaml = """
            partners: [{ code: ncsc, email: cert@ncsc.example }]
            now: 2026-11-02T08:00:00Z
            cases:
              - name: wrong on purpose
                event: { source.ip: 192.0.2.1, classification.identifier: vulnerable-http, time.source: "2026-11-01T10:00:00+00:00", source.geolocation.cc: NL }
                organisation: { name: Waterbedrijf, vital: true }
                expect: { route: direct, reason-contains: "vital sector" }
            """;
        var (suite, problems) = RuleTestSuite.Load(yaml, "s.yaml");
        Assert.Empty(problems);

        var result = Assert.Single(suite!.Run(Decisions.Shipped, new DecisionOptions()));

        Assert.False(result.Passed);
        Assert.Equal(["route: expected direct, got national-csirt"], result.Failures);
    }

    [Fact]
    public void A_malformed_suite_is_rejected_with_line_and_column()
    {
        var (suite, problems) = RuleTestSuite.Load("cases:\n  - name: x\n    colour: red\n", "s.yaml");

        Assert.Null(suite);
        Assert.Contains(problems, p => p is { Line: 3, Column: 5 } && p.Message.Contains("unknown key 'colour'", StringComparison.Ordinal));
    }
}

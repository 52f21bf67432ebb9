using Herald.Notify;

namespace Herald.Tests.Notify;

public sealed class TemplateLintTests
{
    private static readonly ServiceOptions Service = new();
    private readonly TemplateLinter _linter = new(Service);

    private const string GoodIssue = """
        {% section title %}Open RDP{% endsection %}
        {% section seen %}We saw {{ group.asset_count }} system(s).{% endsection %}
        {% section why %}Attackers guess passwords.{% endsection %}
        {% section todo %}
        - Close port 3389.
        - Ask your IT supplier for help.
        {% endsection %}
        """;

    private List<LintFinding> Lint(string name, TemplateKind kind, string source) => _linter.Lint(name, kind, source, out _);

    [Fact]
    public void Every_shipped_template_passes_lint_and_every_issue_has_Dutch_and_English()
    {
        var shipped = WarningTemplates.Shipped().ToList();
        foreach (var (name, source) in shipped)
            Assert.Empty(Lint(name, WarningTemplates.KindOf(name)!.Value, source));
        var issues = shipped.Where(s => s.Name.StartsWith("issues/", StringComparison.Ordinal)).Select(s => s.Name).ToHashSet();
        foreach (var name in issues)
        {
            var key = name["issues/".Length..name.IndexOf('.', StringComparison.Ordinal)];
            Assert.Contains($"issues/{key}.nl.liquid", issues);
            Assert.Contains($"issues/{key}.en.liquid", issues);
        }
        Assert.True(issues.Count >= 130, $"{issues.Count} issue templates");
    }

    [Fact]
    public void A_good_issue_template_passes()
    {
        Assert.Empty(Lint("issues/open-rdp.en.liquid", TemplateKind.Issue, GoodIssue));
    }

    [Theory]
    [InlineData("https://herald.example/login")]
    [InlineData("https://herald.example/account/verify")]
    [InlineData("https://herald-login.example/")]
    [InlineData("https://evil.example/")]
    public void Lint_rejects_a_template_with_a_login_like_or_foreign_link(string url)
    {
        var source = GoodIssue.Replace("Close port 3389.", $"Close port 3389 and check {url} today.", StringComparison.Ordinal);
        var findings = Lint("issues/open-rdp.en.liquid", TemplateKind.Issue, source);
        Assert.Contains(findings, f => f.Message.Contains(url.TrimEnd('/').Split('/')[2], StringComparison.Ordinal) && f.Line == 5);
    }

    [Fact]
    public void Lint_rejects_a_login_link_in_the_HTML_layout_even_on_the_service_s_own_domain()
    {
        var html = WarningTemplates.Shipped().Single(s => s.Name == "layout/html.en.liquid").Source
            .Replace("<h2>Is this message genuine?</h2>", "<p><a href=\"https://herald.example/portal\">Log in</a> to see more.</p><h2>Is this message genuine?</h2>", StringComparison.Ordinal);
        var findings = Lint("layout/html.en.liquid", TemplateKind.Html, html);
        Assert.Contains(findings, f => f.Message.Contains("login-like link text 'Log in'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Please log in via the link below to see the details.")]
    [InlineData("Click here to confirm your account.")]
    [InlineData("Reply and send us your password so we can check.")]
    [InlineData("Log in op onze website via deze link.")]
    [InlineData("Log hier in om de details te zien.")]
    [InlineData("Klik op de link om het probleem op te lossen.")]
    [InlineData("Vul uw wachtwoord in op de pagina.")]
    [InlineData("Bevestig uw account vandaag nog.")]
    public void Lint_rejects_wording_that_asks_for_a_login_or_credentials(string sentence)
    {
        var findings = Lint("issues/x.en.liquid", TemplateKind.Issue, GoodIssue.Replace("Ask your IT supplier for help.", sentence, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("wording that asks for a login or credentials", StringComparison.Ordinal) && f.Line == 6);
    }

    [Theory]
    [InlineData("We never ask you to log in through a link.")]
    [InlineData("Wij vragen u nooit om via een link in te loggen.")]
    [InlineData("Change all passwords and use long, unique passwords.")]
    [InlineData("Wijzig alle wachtwoorden van beheerders.")]
    public void Lint_accepts_advice_about_passwords_and_the_promise_never_to_ask_for_a_login(string sentence)
    {
        Assert.Empty(Lint("issues/x.en.liquid", TemplateKind.Issue, GoodIssue.Replace("Ask your IT supplier for help.", sentence, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("<form action=\"https://herald.example/verify\"><input name=\"code\"></form>", "forbidden HTML")]
    [InlineData("<p>{{ recipient.name | raw }}</p>", "'| raw' is not allowed")]
    [InlineData("<a href=\"{{ recipient.email }}\">x</a>", "may only use the service's own addresses")]
    [InlineData("<script>alert(1)</script>", "forbidden HTML")]
    [InlineData("<p onclick=\"alert(1)\">x</p>", "forbidden HTML 'onclick=': no forms")]
    [InlineData("<p>Open javascript:alert(1) now</p>", "forbidden HTML 'javascript:'")]
    [InlineData("<a href=\"mailto:someone@evil.example\">x</a>", "mail links may only go to the service's own address")]
    public void Lint_rejects_forms_scripts_unescaped_output_and_links_built_from_data(string snippet, string expected)
    {
        var html = WarningTemplates.Shipped().Single(s => s.Name == "layout/html.nl.liquid").Source.Replace("</div>", snippet + "\n</div>", StringComparison.Ordinal);
        Assert.Contains(Lint("layout/html.nl.liquid", TemplateKind.Html, html), f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_parse_error_names_its_line()
    {
        var findings = Lint("issues/x.nl.liquid", TemplateKind.Issue, GoodIssue.Replace("{% section why %}", "{% if %}{% section why %}", StringComparison.Ordinal));
        var finding = Assert.Single(findings);
        Assert.Equal(3, finding.Line);
        Assert.StartsWith("does not parse", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issue_template_without_every_section_fails()
    {
        var findings = Lint("issues/x.nl.liquid", TemplateKind.Issue, GoodIssue.Replace("{% section why %}Attackers guess passwords.{% endsection %}", "", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("lacks the section 'why'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_layout_that_drops_the_verification_details_fails()
    {
        var text = WarningTemplates.Shipped().Single(s => s.Name == "layout/text.en.liquid").Source.Replace("{{ service.phone_number }}", "us", StringComparison.Ordinal);
        Assert.Contains(Lint("layout/text.en.liquid", TemplateKind.Text, text), f => f.Message.Contains("the published phone number", StringComparison.Ordinal));
    }
}

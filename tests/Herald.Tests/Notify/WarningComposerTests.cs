using Herald.Decide;
using Herald.Notify;
using Herald.Tests.Support;

namespace Herald.Tests.Notify;

public sealed class WarningComposerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly ServiceOptions Service = new();

    public void Dispose() => _dir.Dispose();

    public static readonly string[][] Headings =
    [
        ["nl", "Wat hebben we gezien?", "Waarom is dit gevaarlijk?", "Wat moet u nu doen?", "Is dit bericht echt?", "Referentie: HRLD-2026-000007", "Verificatiecode: ABCD2345",
            "nooit om via een link in te loggen"],
        ["en", "What did we see?", "Why is this dangerous?", "What should you do now?", "Is this message genuine?", "Reference: HRLD-2026-000007", "Verification code: ABCD2345",
            "never ask you to log in through a link"],
    ];

    private ComposedWarning Compose(IReadOnlyList<AffectedAsset> assets, IReadOnlyList<string> languages, string? templates = null, Route route = Route.Direct) =>
        new WarningComposer(Service, templates).Compose(route, "Voorbeeld B.V.", "security@voorbeeld.example", null, "HRLD-2026-000007", "ABCD2345", assets, languages);

    [Fact]
    public void Both_parts_carry_every_section_in_Dutch_and_English_with_the_service_s_contact_details()
    {
        var warning = Compose([Some.Asset("192.0.2.10", hostname: "rdp.voorbeeld.example")], WarningLanguages.Choose(null));
        // The HTML part as a reader sees it: tags gone, entities decoded.
        var htmlAsRead = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(warning.Html, "<[^>]+>", ""));
        foreach (var part in new[] { warning.Text, htmlAsRead })
        {
            foreach (var language in Headings)
                foreach (var expected in language.Skip(1))
                    Assert.Contains(expected, part, StringComparison.Ordinal);
            foreach (var expected in new[] { Service.SenderAddress, Service.PhoneNumber, Service.VerifyUrl, "192.0.2.10", "3389", "2026-11-01 03:12", "rdp.voorbeeld.example",
                         "IT-leverancier", "IT supplier", "Remote Desktop (RDP) is vanaf internet bereikbaar", "Remote Desktop (RDP) is reachable from the internet" })
                Assert.Contains(expected, part, StringComparison.Ordinal);
        }
        Assert.Equal("[HRLD-2026-000007] Remote Desktop (RDP) is vanaf internet bereikbaar / Remote Desktop (RDP) is reachable from the internet", warning.Subject);
        Assert.False(warning.Attachment);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB, nl", "en,nl")]
    [InlineData("nl", "nl")]
    [InlineData("de, fr", "nl,en")]
    [InlineData("", "nl,en")]
    public void The_recipient_s_stated_languages_choose_the_languages_and_unknown_means_Dutch_then_English(string preferred, string expected)
    {
        Assert.Equal(expected, string.Join(',', WarningLanguages.Choose(preferred)));
    }

    [Fact]
    public void An_English_only_warning_has_no_Dutch()
    {
        var warning = Compose([Some.Asset("192.0.2.10")], ["en"]);
        Assert.DoesNotContain("Wat hebben we gezien?", warning.Text, StringComparison.Ordinal);
        Assert.Contains("What did we see?", warning.Text, StringComparison.Ordinal);
        Assert.Equal("[HRLD-2026-000007] Remote Desktop (RDP) is reachable from the internet", warning.Subject);
    }

    [Fact]
    public void Values_from_reports_are_escaped_in_the_HTML_part()
    {
        var warning = Compose([Some.Asset("192.0.2.10", hostname: "<script>x</script>", organisation: "\"Evil\" & <b>Co</b>")], ["nl"], route: Route.Partner);
        Assert.DoesNotContain("<script>", warning.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Co</b>", warning.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", warning.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_assets_are_attached_as_CSV_and_the_text_says_how_many_more()
    {
        var warning = Compose(Some.Assets(Service.MaxAssetsInText + 5), ["nl", "en"]);
        Assert.True(warning.Attachment);
        Assert.Contains("en nog 5 andere", warning.Text, StringComparison.Ordinal);
        Assert.Contains("and 5 more", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identifier_without_a_template_falls_back_to_its_type_and_then_to_the_default()
    {
        var composer = new WarningComposer(Service, null);
        Assert.Equal("open-rdp", composer.Templates.KeyFor("open-rdp", "vulnerable-system"));
        Assert.Equal("type-vulnerable-system", composer.Templates.KeyFor("something-new", "vulnerable-system"));
        Assert.Equal("default", composer.Templates.KeyFor("something-new", "no-such-type"));
    }

    [Fact]
    public void An_analyst_s_template_is_used_without_a_rebuild_and_one_that_fails_lint_is_not()
    {
        var templates = WriteEnglishRdpTemplate();
        File.WriteAllText(Path.Combine(templates, "open-rdp.nl.liquid"), """
            {% section title %}RDP open{% endsection %}
            {% section seen %}Gezien.{% endsection %}
            {% section why %}Gevaarlijk.{% endsection %}
            {% section todo %}- Log in via de link https://herald.example/login om het op te lossen.{% endsection %}
            """);
        var composer = new WarningComposer(Service, Path.Combine(_dir.Path, "templates"));
        var warning = composer.Compose(Route.Direct, null, "a@b.example", null, "HRLD-2026-000001", "ABCD2345", [Some.Asset("192.0.2.1")], ["nl", "en"]);
        Assert.Contains("RDP open on 1 system(s)", warning.Text, StringComparison.Ordinal);
        Assert.Contains("Seen on port 3389.", warning.Text, StringComparison.Ordinal);
        Assert.Contains("Remote Desktop (RDP) is vanaf internet bereikbaar", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("herald.example/login", warning.Text, StringComparison.Ordinal);
        Assert.Contains(composer.Templates.Problems, p => p.Template == "issues/open-rdp.nl.liquid" && p.Message.Contains("login-like link", StringComparison.Ordinal));
    }

    [Fact]
    public void Shipped_issue_templates_are_text_only_and_one_with_variables_is_not()
    {
        var composer = new WarningComposer(Service, null);
        foreach (var key in composer.Templates.IssueKeys)
            foreach (var language in WarningTemplates.Languages)
                Assert.True(TemplateEngine.IsTextOnly(composer.Templates.Issue(key, language)), $"{key}.{language}");
        Assert.True(TemplateEngine.TryParse("{% section title %}RDP on {{ group.asset_count }}{% endsection %}", out var withVariable, out _));
        Assert.False(TemplateEngine.IsTextOnly(withVariable!));
        Assert.True(TemplateEngine.TryParse("{% section title %}{% if group.more > 0 %}Many{% endif %}{% endsection %}", out var withTag, out _));
        Assert.False(TemplateEngine.IsTextOnly(withTag!));
    }

    [Fact]
    public void An_issue_template_with_variables_is_rendered_for_each_warning_s_own_assets()
    {
        WriteEnglishRdpTemplate();
        var composer = new WarningComposer(Service, Path.Combine(_dir.Path, "templates"));
        var one = composer.Compose(Route.Direct, null, "a@b.example", null, "HRLD-2026-000001", "ABCD2345", [Some.Asset("192.0.2.1")], ["en"]);
        var two = composer.Compose(Route.Direct, null, "a@b.example", null, "HRLD-2026-000002", "ABCD2345", [Some.Asset("192.0.2.1"), Some.Asset("192.0.2.2")], ["en"]);
        Assert.Contains("RDP open on 1 system(s)", one.Text, StringComparison.Ordinal);
        Assert.Contains("RDP open on 2 system(s)", two.Text, StringComparison.Ordinal);
        // The shipped Dutch template is text only: the same texts, kept, for every warning.
        var dutch = composer.Compose(Route.Direct, null, "a@b.example", null, "HRLD-2026-000003", "ABCD2345", [Some.Asset("192.0.2.1")], ["nl"]);
        var again = composer.Compose(Route.Direct, null, "a@b.example", null, "HRLD-2026-000004", "ABCD2345", [Some.Asset("192.0.2.3")], ["nl"]);
        Assert.Equal(dutch.Text.Replace("192.0.2.1", "192.0.2.3", StringComparison.Ordinal).Replace("000003", "000004", StringComparison.Ordinal), again.Text);
    }

    [Fact]
    public void A_template_s_now_is_the_composer_s_clock_in_UTC()
    {
        var layouts = Path.Combine(_dir.Path, "templates", "layout");
        Directory.CreateDirectory(layouts);
        File.WriteAllText(Path.Combine(layouts, "subject.en.liquid"), """{{ groups[0].title }} ({{ "now" | date: "%Y-%m-%d %H:%M" }})""");
        var composer = new WarningComposer(Service, Path.Combine(_dir.Path, "templates"), new TestTime(new DateTimeOffset(2031, 2, 3, 23, 30, 0, TimeSpan.FromHours(-5))));

        var warning = composer.Compose(Route.Direct, null, "a@b.example", null, "HRLD-2031-000001", "ABCD2345", [Some.Asset("192.0.2.1")], ["en"]);

        Assert.Empty(composer.Templates.Problems);
        Assert.EndsWith("(2031-02-04 04:30)", warning.Subject, StringComparison.Ordinal);
    }

    /// <summary>An analyst's English open-rdp template that uses the warning's own assets; returns its folder.</summary>
    private string WriteEnglishRdpTemplate()
    {
        var templates = Path.Combine(_dir.Path, "templates", "issues");
        Directory.CreateDirectory(templates);
        File.WriteAllText(Path.Combine(templates, "open-rdp.en.liquid"), """
            {% section title %}RDP open on {{ group.asset_count }} system(s){% endsection %}
            {% section seen %}Seen on port {{ group.ports | join: ", " }}.{% endsection %}
            {% section why %}Ransomware gangs use it.{% endsection %}
            {% section todo %}- Close it.{% endsection %}
            """);
        return templates;
    }
}

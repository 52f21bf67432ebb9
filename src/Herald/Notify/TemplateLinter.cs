using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;

namespace Herald.Notify;

/// <summary>
/// Checks a template before it may be used, when an analyst saves it (<c>herald templates lint</c>) and when
/// Herald loads it to send: it parses (errors with line and column), uses no unescaped output, renders a
/// sample warning, has the sections or the verification details its kind needs, and its text and the
/// sample it renders pass <see cref="ContentRules"/>.
/// </summary>
public sealed partial class TemplateLinter(ServiceOptions service)
{
    /// <summary>The sections every issue template defines.</summary>
    public static readonly string[] Sections = ["title", "seen", "why", "todo"];

    private readonly ContentRules _rules = new(service);

    public ContentRules Rules => _rules;

    /// <summary>Lints one template source; <paramref name="template"/> is set when it parses.</summary>
    public List<LintFinding> Lint(string name, TemplateKind kind, string source, out IFluidTemplate? template)
    {
        var findings = new List<LintFinding>();
        if (!TemplateEngine.TryParse(source, out template, out var error))
        {
            var position = PositionPattern().Match(error ?? "");
            findings.Add(new(name, position.Success ? int.Parse(position.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
                $"does not parse: {FirstLine(error)}"));
            return findings;
        }
        foreach (Match m in UnescapedPattern().Matches(source))
            findings.Add(new(name, ContentRules.LineAt(source, m.Index), $"'{m.Value.Trim()}' is not allowed: every value is escaped for its part"));
        if (kind != TemplateKind.Issue && SectionTagPattern().Match(source) is { Success: true } section)
            findings.Add(new(name, ContentRules.LineAt(source, section.Index), "'section' belongs in issue templates only"));
        _rules.Check(name, source, kind == TemplateKind.Html, source: true, findings);
        if (findings.Count == 0) CheckSample(name, kind, template!, findings);
        return findings;
    }

    private void CheckSample(string name, TemplateKind kind, IFluidTemplate template, List<LintFinding> findings)
    {
        var sample = SampleWarning.Model(service);
        var label = name + " (sample)";
        try
        {
            switch (kind)
            {
                case TemplateKind.Issue:
                    var sections = TemplateEngine.RenderSections(template, sample, SampleWarning.Now, ("group", sample.Groups[0]));
                    foreach (var missing in Sections.Where(s => !sections.TryGetValue(s, out var text) || text.Length == 0))
                        findings.Add(new(name, 0, $"lacks the section '{missing}' (or it renders empty)"));
                    foreach (var unknown in sections.Keys.Except(Sections))
                        findings.Add(new(name, 0, $"unknown section '{unknown}' (sections: {string.Join(", ", Sections)})"));
                    foreach (var (section, text) in sections) _rules.Check($"{label} section {section}", text, html: false, source: false, findings);
                    break;
                case TemplateKind.Subject:
                    var subject = TemplateEngine.Render(template, sample, SampleWarning.Now, NullEncoder.Default);
                    if (subject.Trim().Length == 0) findings.Add(new(name, 0, "renders an empty subject"));
                    _rules.Check(label, subject, html: false, source: false, findings);
                    break;
                case TemplateKind.Text:
                case TemplateKind.Html:
                    var html = kind == TemplateKind.Html;
                    var body = TemplateEngine.Render(template, sample, SampleWarning.Now, html ? HtmlEncoder.Default : NullEncoder.Default);
                    _rules.Check(label, body, html, source: false, findings);
                    foreach (var (what, value) in SampleWarning.MustShow(service, sample))
                        if (!body.Contains(html ? HtmlEncoder.Default.Encode(value) : value, StringComparison.Ordinal))
                            findings.Add(new(name, 0, $"does not show {what} ('{value}'): every warning says how to check that it is genuine"));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            findings.Add(new(name, 0, $"fails on a sample warning: {FirstLine(e.Message)}"));
        }
    }

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"\|\s*raw\b|\{%-?\s*(raw|include|render|liquid|layout)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnescapedPattern();

    [GeneratedRegex(@"\{%-?\s*section\b", RegexOptions.CultureInvariant)]
    private static partial Regex SectionTagPattern();
}

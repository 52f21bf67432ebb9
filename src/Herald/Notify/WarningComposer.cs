using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Herald.Decide;

namespace Herald.Notify;

/// <summary>
/// Renders one warning for one recipient from the templates in use, in each of the recipient's languages:
/// what we saw, why it is dangerous, what to do now, and how to check that the message is genuine; a plain-text
/// and an HTML part, and whether the CSV of all assets is attached because the text cannot list them all.
/// </summary>
public sealed class WarningComposer
{
    private const string LanguageSeparator = "\n========================================================================\n\n";

    private readonly ServiceOptions _service;
    private readonly ServiceModel _serviceModel;
    private readonly string? _templateDirectory;
    private readonly TimeProvider _time;
    private WarningTemplates _templates;
    private string _stamp;

    /// <summary>The texts of text-only issue templates, by template (a reloaded template is a new key).</summary>
    private readonly ConditionalWeakTable<IFluidTemplate, IssueTexts> _textOnly = new();

    /// <param name="templateDirectory">Analysts' overrides (<c>&lt;data&gt;/templates</c>); null for the shipped templates alone.</param>
    /// <param name="time">The clock a template's <c>"now"</c> reads; the system's by default.</param>
    public WarningComposer(ServiceOptions service, string? templateDirectory, TimeProvider? time = null)
    {
        _service = service;
        _time = time ?? TimeProvider.System;
        _serviceModel = SampleWarning.ServiceModelOf(service);
        _templateDirectory = templateDirectory;
        _stamp = Stamp(templateDirectory);
        _templates = WarningTemplates.Load(service, templateDirectory);
    }

    /// <summary>The templates in use (reloaded by <see cref="Refresh"/> after an analyst changed one).</summary>
    public WarningTemplates Templates => _templates;

    /// <summary>Reloads the templates when a file in the override directory was added, changed or removed.</summary>
    public void Refresh()
    {
        var stamp = Stamp(_templateDirectory);
        if (stamp == _stamp) return;
        _templates = WarningTemplates.Load(_service, _templateDirectory);
        _stamp = stamp;
    }

    /// <summary>An empty set of assets for <see cref="Compose(Route, string?, string, string?, string, string, WarningAssets, IReadOnlyList{string})"/>, to be filled one at a time.</summary>
    public WarningAssets NewAssets() => new(_templates, _service.MaxAssetsInText);

    /// <summary>A warning about assets that are all in memory (a few, or test data).</summary>
    public ComposedWarning Compose(Route route, string? recipientName, string recipientEmail, string? memberName, string reference,
        string verificationCode, IReadOnlyList<AffectedAsset> assets, IReadOnlyList<string> languages)
    {
        var gathered = NewAssets();
        foreach (var asset in assets) gathered.Add(asset);
        return Compose(route, recipientName, recipientEmail, memberName, reference, verificationCode, gathered, languages);
    }

    public ComposedWarning Compose(Route route, string? recipientName, string recipientEmail, string? memberName, string reference,
        string verificationCode, WarningAssets assets, IReadOnlyList<string> languages)
    {
        var templates = _templates;
        var now = _time.GetUtcNow();
        var groups = assets.Issues.Select(g => Draft(g.Key, g.Listed, g.Count, [.. g.Ports])).ToList();
        var attachment = assets.Count > _service.MaxAssetsInText;
        var recipient = new RecipientModel(Clean(recipientName), recipientEmail, recipientEmail[(recipientEmail.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        var models = new WarningModel[languages.Count];
        var subjects = new List<string>(languages.Count);
        for (var i = 0; i < languages.Count; i++)
        {
            // The assets as templates show them do not depend on the language: made once, above; only the texts are per language.
            var language = languages[i];
            var issues = groups.Select(g => Issue(templates, g, language, now)).ToList();
            models[i] = new WarningModel(language, languages.Count > 1, _serviceModel, recipient, RouteName(route), Clean(memberName), reference,
                verificationCode, issues, assets.Count, attachment, attachment ? AttachmentName(reference) : null);
            subjects.Add(OneLine(TemplateEngine.Render(templates.Layout("subject", language), models[i], now, NullEncoder.Default)));
        }
        var subject = $"[{reference}] {string.Join(" / ", subjects.Distinct(StringComparer.Ordinal))}";
        var output = RenderBuffer.Take();
        var text = Text(templates, models, now, output);
        var html = Document(templates, models, subject, now, output);
        RenderBuffer.Return(output);
        return new ComposedWarning(subject, text, html, attachment, languages);
    }

    /// <summary>
    /// The title and the steps of an issue in one language, without a recipient, for texts that are not e-mails
    /// (the script of a call task).
    /// </summary>
    public (string Title, string Todo) Summary(string? identifier, string? type, string language)
    {
        var templates = _templates;
        var issue = Issue(templates, Draft(templates.KeyFor(identifier, type), [], 0, []), language, _time.GetUtcNow());
        return (issue.Title, issue.Todo);
    }

    public static string AttachmentName(string reference) => $"{reference}-systemen-systems.csv";

    public static string RouteName(Route route) => route switch
    {
        Route.Direct => "direct",
        Route.NationalCsirt => "national_csirt",
        Route.Partner => "partner",
        Route.NetworkOwner => "network_owner",
        Route.HoldForReview => "hold_for_review",
        Route.Discard => "discard",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    /// <summary>An issue's listed assets, counts and ports, without its texts.</summary>
    private static IssueModel Draft(string key, List<AffectedAsset> listed, int count, IReadOnlyList<int> ports)
    {
        var shown = listed.Select(ToModel).ToList();
        return new IssueModel(key, "", "", "", "", [], shown, count, Math.Max(0, count - shown.Count), ports);
    }

    private IssueModel Issue(WarningTemplates templates, IssueModel draft, string language, DateTimeOffset now)
    {
        var texts = Texts(templates, draft.Key, draft, language, now);
        return draft with { Title = texts.Title, Seen = texts.Seen, Why = texts.Why, Todo = texts.Todo, TodoSteps = texts.Steps };
    }

    /// <summary>An issue's texts; those of a text-only template are the same for every group, so they are rendered once.</summary>
    private IssueTexts Texts(WarningTemplates templates, string key, IssueModel group, string language, DateTimeOffset now)
    {
        var template = templates.Issue(key, language);
        if (_textOnly.TryGetValue(template, out var kept)) return kept;
        var model = new WarningModel(language, false, _serviceModel, new RecipientModel(null, "", ""), "", null, "", "", [group], group.AssetCount, false, null);
        var sections = TemplateEngine.RenderSections(template, model, now, ("group", group));
        // A template that passed lint renders every section; one that still comes out empty on this data falls back to the default text.
        var complete = TemplateLinter.Sections.All(s => sections.TryGetValue(s, out var text) && text.Length > 0);
        if (!complete) sections = TemplateEngine.RenderSections(templates.Issue("default", language), model, now, ("group", group));
        var todo = sections["todo"];
        var steps = todo.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.StartsWith("- ", StringComparison.Ordinal) ? s[2..] : s).ToList();
        var texts = new IssueTexts(OneLine(sections["title"]), sections["seen"], sections["why"], todo, steps);
        if (complete && TemplateEngine.IsTextOnly(template)) _textOnly.TryAdd(template, texts);
        return texts;
    }

    private static AssetModel ToModel(AffectedAsset a) => new(
        Clean(a.Ip), a.Port, Clean(a.Transport), Clean(a.HostName),
        a.SeenAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        a.Vulnerabilities.Count > 0 ? Clean(string.Join(", ", a.Vulnerabilities)) : null, Clean(a.Organisation), a.Identifier);

    /// <summary>The text of each language, trimmed and ending in a line break, with a rule between them, rendered into one buffer.</summary>
    private static string Text(WarningTemplates templates, WarningModel[] models, DateTimeOffset now, StringBuilder output)
    {
        output.Clear();
        for (var i = 0; i < models.Length; i++)
        {
            if (i > 0) output.Append(LanguageSeparator);
            TemplateEngine.RenderTrimmed(templates.Layout("text", models[i].Language), models[i], now, NullEncoder.Default, output);
            output.Append('\n');
        }
        return output.ToString();
    }

    /// <summary>The HTML document around the trimmed fragment of each language, rendered into one buffer.</summary>
    private static string Document(WarningTemplates templates, WarningModel[] models, string subject, DateTimeOffset now, StringBuilder output)
    {
        output.Clear().Append("<!DOCTYPE html>\n<html><head><title>").Append(HtmlEncoder.Default.Encode(subject))
            .Append("</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#222;max-width:760px\">\n");
        for (var i = 0; i < models.Length; i++)
        {
            if (i > 0) output.Append('\n');
            TemplateEngine.RenderTrimmed(templates.Layout("html", models[i].Language), models[i], now, HtmlEncoder.Default, output);
        }
        return output.Append("\n</body></html>\n").ToString();
    }

    /// <summary>Values from reports and the registry are data: no control characters, so no line of theirs can pose as text or a header.</summary>
    private static string? Clean(string? value)
    {
        if (value is null || value.AsSpan().IndexOfAnyInRange('\0', '\x1f') < 0) return value;
        var s = new StringBuilder(value.Length);
        foreach (var c in value) s.Append(c < ' ' ? ' ' : c);
        return s.ToString();
    }

    private static string OneLine(string value) => string.Join(' ', value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed record IssueTexts(string Title, string Seen, string Why, string Todo, IReadOnlyList<string> Steps);

    private static string Stamp(string? directory)
    {
        if (directory is null || !Directory.Exists(directory)) return "";
        var files = Directory.EnumerateFiles(directory, "*" + WarningTemplates.Extension, SearchOption.AllDirectories)
            .Select(f => new FileInfo(f)).ToList();
        return $"{files.Count}:{(files.Count == 0 ? 0 : files.Max(f => f.LastWriteTimeUtc.Ticks))}:{files.Sum(f => f.Length)}";
    }
}

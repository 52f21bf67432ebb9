using System.Reflection;
using Fluid;

namespace Herald.Notify;

/// <summary>
/// The warning templates in use: the ones shipped inside Herald, replaced file by file by those an analyst
/// put in <c>&lt;data&gt;/templates/</c> (same names). Every template is linted when it is loaded; one that
/// fails is not used (the shipped one, or the next fallback, takes its place) and is listed in <see cref="Problems"/>.
/// </summary>
/// <remarks>
/// Files: <c>issues/&lt;key&gt;.&lt;lang&gt;.liquid</c> where key is a classification identifier, <c>type-&lt;type&gt;</c> or
/// <c>default</c>; <c>layout/subject|text|html.&lt;lang&gt;.liquid</c>. Languages: <see cref="Languages"/>.
/// </remarks>
public sealed class WarningTemplates
{
    public const string Extension = ".liquid";

    /// <summary>The languages warnings are written in, in the order shown when the recipient's is unknown.</summary>
    public static readonly string[] Languages = ["nl", "en"];

    public static readonly string[] LayoutNames = ["subject", "text", "html"];

    private readonly Dictionary<string, IFluidTemplate> _templates;

    private WarningTemplates(Dictionary<string, IFluidTemplate> templates, List<LintFinding> problems, string? overrideDirectory)
    {
        _templates = templates;
        Problems = problems;
        OverrideDirectory = overrideDirectory;
    }

    /// <summary>Overrides that failed lint (and so are not used), with their reasons.</summary>
    public IReadOnlyList<LintFinding> Problems { get; }

    public string? OverrideDirectory { get; }

    /// <summary>The issue keys that have a template in some language.</summary>
    public IEnumerable<string> IssueKeys => _templates.Keys.Where(k => k.StartsWith("issues/", StringComparison.Ordinal))
        .Select(k => k["issues/".Length..k.LastIndexOf('.')]).Distinct(StringComparer.Ordinal);

    /// <summary>Loads the shipped templates and the overrides in <paramref name="overrideDirectory"/> (if it exists).</summary>
    public static WarningTemplates Load(ServiceOptions service, string? overrideDirectory)
    {
        var linter = new TemplateLinter(service);
        var templates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        var problems = new List<LintFinding>();
        foreach (var (name, source) in Shipped())
        {
            var findings = linter.Lint(name, KindOf(name) ?? throw new InvalidOperationException($"Shipped template {name} has no known kind."), source, out var template);
            if (findings.Count > 0) throw new InvalidOperationException("A shipped template fails lint: " + findings[0]);
            templates[name] = template!;
        }
        if (overrideDirectory is not null && Directory.Exists(overrideDirectory))
        {
            foreach (var (name, path) in Files(overrideDirectory))
            {
                if (KindOf(name) is not { } kind)
                {
                    problems.Add(new(name, 0, "not a template name Herald knows (issues/<key>.<nl|en>.liquid or layout/<subject|text|html>.<nl|en>.liquid)"));
                    continue;
                }
                var findings = linter.Lint(name, kind, File.ReadAllText(path), out var template);
                if (findings.Count == 0) templates[name] = template!;
                else problems.AddRange(findings);
            }
        }
        return new WarningTemplates(templates, problems, overrideDirectory);
    }

    /// <summary>The issue key for an identifier: the identifier's own template, else its type's, else the default.</summary>
    public string KeyFor(string? identifier, string? type)
    {
        if (identifier is { Length: > 0 } && HasIssue(identifier)) return identifier;
        if (type is { Length: > 0 } && HasIssue("type-" + type)) return "type-" + type;
        return "default";
    }

    /// <summary>The issue template for a key in a language, falling back to the default in that language.</summary>
    public IFluidTemplate Issue(string key, string language) =>
        _templates.GetValueOrDefault($"issues/{key}.{language}{Extension}") ?? _templates[$"issues/default.{language}{Extension}"];

    public IFluidTemplate Layout(string name, string language) => _templates[$"layout/{name}.{language}{Extension}"];

    /// <summary>The kind of template a relative name is, or null when Herald does not know the name.</summary>
    public static TemplateKind? KindOf(string name)
    {
        if (!name.EndsWith(Extension, StringComparison.Ordinal)) return null;
        var stem = name[..^Extension.Length];
        var dot = stem.LastIndexOf('.');
        if (dot < 0 || !Languages.Contains(stem[(dot + 1)..])) return null;
        var bare = stem[..dot];
        if (bare.StartsWith("issues/", StringComparison.Ordinal) && bare.Length > "issues/".Length && !bare["issues/".Length..].Contains('/'))
            return TemplateKind.Issue;
        return bare switch
        {
            "layout/subject" => TemplateKind.Subject,
            "layout/text" => TemplateKind.Text,
            "layout/html" => TemplateKind.Html,
            _ => null,
        };
    }

    /// <summary>The templates files in a directory, by their relative name with '/' separators.</summary>
    public static IEnumerable<(string Name, string Path)> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*" + Extension, SearchOption.AllDirectories)
            .Select(p => (Path.GetRelativePath(directory, p).Replace('\\', '/'), p))
            .OrderBy(f => f.Item1, StringComparer.Ordinal);

    /// <summary>The templates shipped inside Herald, by relative name.</summary>
    public static IEnumerable<(string Name, string Source)> Shipped()
    {
        const string prefix = "templates/";
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }

    private bool HasIssue(string key) => Languages.Any(l => _templates.ContainsKey($"issues/{key}.{l}{Extension}"));
}

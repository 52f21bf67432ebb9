using System.Reflection;

namespace Herald.Notify;

/// <summary>
/// The starter texts shipped with Herald, one per classification identifier, with a fallback per
/// classification type (<c>type-&lt;type&gt;</c>) and a <c>default</c>.
/// </summary>
/// <remarks>A text file has sections <c>[title.nl]</c>, <c>[seen.nl]</c>, <c>[why.nl]</c>, <c>[todo.nl]</c> and the same in English.</remarks>
public sealed class WarningTexts
{
    public static readonly string[] RequiredSections =
        ["title.nl", "seen.nl", "why.nl", "todo.nl", "title.en", "seen.en", "why.en", "todo.en"];

    private readonly Dictionary<string, WarningText> _texts;

    private WarningTexts(Dictionary<string, WarningText> texts) => _texts = texts;

    public IReadOnlyCollection<string> Keys => _texts.Keys;

    public static WarningTexts Shipped { get; } = LoadShipped();

    /// <summary>The text for an identifier, else for its type, else the default.</summary>
    public WarningText For(string? identifier, string? type) =>
        (identifier is not null && _texts.TryGetValue(identifier, out var byId) ? byId : null)
        ?? (type is not null && _texts.TryGetValue("type-" + type, out var byType) ? byType : null)
        ?? _texts["default"];

    public bool Has(string key) => _texts.ContainsKey(key);

    public static WarningText Parse(string key, string content)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var lines = new List<string>();
        void Flush()
        {
            if (current is not null) sections[current] = string.Join('\n', lines).Trim();
            lines.Clear();
        }
        foreach (var raw in content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                Flush();
                current = line[1..^1].Trim();
                continue;
            }
            if (current is null) continue; // comments before the first section
            lines.Add(line);
        }
        Flush();
        var missing = RequiredSections.Where(s => !sections.TryGetValue(s, out var v) || v.Length == 0).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"Warning text '{key}' lacks the section(s) {string.Join(", ", missing)}.");
        return new WarningText(key, sections);
    }

    private static WarningTexts LoadShipped()
    {
        const string prefix = "Herald.Notify.Texts.";
        var assembly = Assembly.GetExecutingAssembly();
        var texts = new Dictionary<string, WarningText>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var key = name[prefix.Length..^".txt".Length];
            texts[key] = Parse(key, reader.ReadToEnd());
        }
        if (!texts.ContainsKey("default")) throw new InvalidOperationException("The shipped warning texts lack 'default'.");
        return new WarningTexts(texts);
    }
}

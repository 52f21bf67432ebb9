using System.Globalization;

namespace Herald.Contacts;

/// <summary>
/// The public suffix list (publicsuffix.org) and its algorithm: normal rules, wildcards (<c>*.ck</c>) and
/// exceptions (<c>!www.ck</c>); the prevailing rule is an exception, else the rule with most labels, else <c>*</c>.
/// Links a host name to its registered domain (www.shop.example.co.uk → example.co.uk).
/// </summary>
public sealed class PublicSuffixList
{
    private static readonly IdnMapping Idn = new();
    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    public int RuleCount => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Reads the list in its published format (one rule per line, // comments); throws when the file is missing or holds no rule.</summary>
    public static PublicSuffixList Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"The public suffix list is not at {path}: run scripts/fetch-public-suffix-list.sh");
        var list = Parse(File.ReadLines(path));
        return list.RuleCount > 0 ? list : throw new InvalidOperationException($"{path} holds no public suffix rule");
    }

    public static PublicSuffixList Parse(IEnumerable<string> lines)
    {
        var list = new PublicSuffixList();
        foreach (var raw in lines)
        {
            var line = raw.AsSpan().Trim();
            var space = line.IndexOfAny(' ', '\t');
            if (space >= 0) line = line[..space]; // a rule ends at the first white space
            if (line.IsEmpty || line.StartsWith("//")) continue;
            var rule = line.ToString();
            if (rule.StartsWith('!')) list._exceptions.Add(Ascii(rule[1..]) ?? rule[1..]);
            else if (rule.StartsWith("*.", StringComparison.Ordinal)) list._wildcards.Add(Ascii(rule[2..]) ?? rule[2..]);
            else list._rules.Add(Ascii(rule) ?? rule);
        }
        return list;
    }

    /// <summary>The public suffix of <paramref name="host"/> (co.uk for www.example.co.uk), or null for a name that is not a valid host name.</summary>
    public string? PublicSuffix(string host)
    {
        var name = Normalise(host);
        if (name is null) return null;
        var labels = name.Split('.');
        // Walk from the whole name to the last label; the first match is the longest rule.
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels, i, labels.Length - i);
            if (_exceptions.Contains(candidate)) return string.Join('.', labels, i + 1, labels.Length - i - 1);
            if (i > 0 && _wildcards.Contains(candidate) && !_exceptions.Contains(string.Join('.', labels, i - 1, labels.Length - i + 1)))
                return string.Join('.', labels, i - 1, labels.Length - i + 1);
            if (_rules.Contains(candidate)) return candidate;
        }
        return labels[^1]; // the implicit "*" rule
    }

    /// <summary>The registered domain (public suffix plus one label), or null when <paramref name="host"/> is itself a public suffix or invalid.</summary>
    public string? RegisteredDomain(string host)
    {
        var name = Normalise(host);
        var suffix = name is null ? null : PublicSuffix(name);
        if (name is null || suffix is null || name.Length <= suffix.Length) return null;
        var rest = name.AsSpan(0, name.Length - suffix.Length - 1);
        var dot = rest.LastIndexOf('.');
        return string.Concat(rest[(dot + 1)..], ".", suffix);
    }

    private static string? Normalise(string host)
    {
        var name = host.Trim().TrimEnd('.');
        if (name.Length is 0 or > 253 || name.StartsWith('.') || name.Contains("..", StringComparison.Ordinal)) return null;
        return Ascii(name);
    }

    private static string? Ascii(string name)
    {
        try
        {
            return Idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

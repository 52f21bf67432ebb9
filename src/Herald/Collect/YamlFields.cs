using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Herald.Collect;

/// <summary>Reads typed values from one YAML mapping, collecting every problem with its line and column.</summary>
internal sealed class YamlFields(YamlMappingNode node, string file, List<string> problems)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMappingNode Node => node;

    public void Problem(YamlNode at, string reason) => Problem(at.Start, reason);

    public void Problem(Mark at, string reason) => problems.Add($"{file}:{at.Line}:{at.Column}: {reason}");

    public YamlNode? Get(string key)
    {
        _read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public string? String(string key, bool required = false)
    {
        switch (Get(key))
        {
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case null or YamlScalarNode:
                if (required) Problem(node, $"'{key}' is required");
                return null;
            case var other:
                Problem(other, $"'{key}' must be a single value");
                return null;
        }
    }

    public int? Int(string key, int min, int max)
    {
        var text = String(key);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        Problem(Get(key)!, $"'{key}' must be a whole number from {min} to {max}, not '{text}'");
        return null;
    }

    /// <summary>A duration such as <c>30s</c>, <c>5m</c>, <c>1h</c> or <c>1d</c>.</summary>
    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null) return null;
        var unit = text[^1];
        if (long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? value = unit switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (value is not null) return value;
        }
        Problem(Get(key)!, $"'{key}' must be a duration such as 30s, 5m, 1h or 1d, not '{text}'");
        return null;
    }

    /// <summary>A size in bytes such as <c>500MiB</c>, <c>4GiB</c> or <c>1048576</c>.</summary>
    public long? Size(string key)
    {
        var text = String(key);
        if (text is null) return null;
        (string Suffix, long Factor)[] units = [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1)];
        var (suffix, factor) = units.FirstOrDefault(u => text.EndsWith(u.Suffix, StringComparison.Ordinal), (Suffix: "", Factor: 1L));
        if (long.TryParse(text.AsSpan(0, text.Length - suffix.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n > 0 && n <= long.MaxValue / factor)
            return n * factor;
        Problem(Get(key)!, $"'{key}' must be a size such as 500MiB or 4GiB, not '{text}'");
        return null;
    }

    public IReadOnlyList<string> List(string key)
    {
        switch (Get(key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                var values = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } value }) values.Add(value);
                    else Problem(item, $"'{key}' must be a list of names");
                }
                return values;
            case var other:
                Problem(other, $"'{key}' must be a list, such as [a, b]");
                return [];
        }
    }

    /// <summary>An https URL.</summary>
    public Uri? Https(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0) return uri;
        Problem(Get(key)!, $"'{key}' must be an https URL without credentials in it, not '{text}'");
        return null;
    }

    /// <summary>A secret from <c>&lt;key&gt;-env</c> or <c>&lt;key&gt;-file</c>; the secret itself in the file is refused.</summary>
    public SecretReference? Secret(string key)
    {
        if (Get(key) is { } literal)
        {
            Problem(literal, $"'{key}' must not be written here: use '{key}-env' (an environment variable) or '{key}-file' (a file holding it)");
            return null;
        }
        var env = String(key + "-env");
        var path = String(key + "-file");
        if (env is not null && path is not null)
        {
            Problem(node, $"give either '{key}-env' or '{key}-file', not both");
            return null;
        }
        if (env is null && path is null)
        {
            Problem(node, $"'{key}-env' or '{key}-file' is required");
            return null;
        }
        return new SecretReference(env, path);
    }

    /// <summary>Reports every key that no reader asked for (a typo, a setting of another kind).</summary>
    public void RefuseUnknown(string where)
    {
        foreach (var key in node.Children.Keys)
            if (key is not YamlScalarNode { Value: { } name } || !_read.Contains(name))
                Problem(key, $"'{key}' is not a setting of {where}");
    }
}

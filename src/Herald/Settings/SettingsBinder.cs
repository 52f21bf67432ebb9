using System.Globalization;
using System.Reflection;
using Herald.Collect.Upload;

namespace Herald.Settings;

/// <summary>
/// Puts configured values into a fresh <see cref="HeraldOptions"/>: each value is converted with a clear error that
/// names the key and where the value came from, and a list replaces its default instead of adding to it.
/// </summary>
internal static class SettingsBinder
{
    /// <param name="values">Flat settings, key to value and origin, case-insensitive keys; list items as <c>Key:0</c>, <c>Key:1</c>.</param>
    /// <exception cref="UserException">A value that is not of its setting's type, or a key that is no setting.</exception>
    public static HeraldOptions Bind(string dataDirectory, IReadOnlyDictionary<string, (string? Value, string Origin)> values)
    {
        var options = new HeraldOptions { DataDirectory = dataDirectory };
        var lists = new Dictionary<Setting, SortedList<int, (string Value, string Origin)>>();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, (value, origin)) in values)
        {
            if (value is null) continue;   // a section's own entry, e.g. "Delivery" from a JSON object
            if (key.StartsWith(SettingsCatalog.TokensSection + ":", StringComparison.OrdinalIgnoreCase))
            {
                tokens[key[(SettingsCatalog.TokensSection.Length + 1)..]] = value;
                continue;
            }
            if (SettingsCatalog.Find(key) is { } setting)
            {
                if (setting.IsList)
                {
                    var items = lists.TryGetValue(setting, out var l) ? l : lists[setting] = [];
                    var index = 0;
                    foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        items[-1_000_000 + index++] = (part, origin);   // "NL,BE" as one value: before any indexed items
                }
                else Set(options, setting, Convert(setting, value, origin));
                continue;
            }
            if (ListItem(key) is { } item)
            {
                (lists.TryGetValue(item.Setting, out var l) ? l : lists[item.Setting] = [])[item.Index] = (value, origin);
                continue;
            }
            if (SettingsCatalog.HostSections.Contains(key.Split(':')[0])) continue;
            var suggestion = SettingsCatalog.Suggest(key);
            throw new UserException($"{key} is not a Herald setting{(suggestion is null ? "" : $" (did you mean {suggestion}?)")} ({origin})");
        }
        foreach (var (setting, items) in lists)
        {
            var converted = items.Values.Select(i => Convert(setting, i.Value, i.Origin)).ToList();
            Set(options, setting, ListOf(setting, converted));
        }
        if (tokens.Count > 0)
            options = options with { Forward = options.Forward with { Tokens = new Forward.BearerTokens(tokens) } };
        return options;
    }

    /// <summary><c>Decision:Constituency:0</c> is item 0 of the list setting <c>Decision:Constituency</c>.</summary>
    private static (Setting Setting, int Index)? ListItem(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon > 0 && int.TryParse(key.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && SettingsCatalog.Find(key[..colon]) is { IsList: true } setting
            ? (setting, index)
            : null;
    }

    private static object Convert(Setting setting, string value, string origin)
    {
        var type = setting.ValueType;
        object? result = null;
        var text = value.Trim();
        if (type == typeof(string)) result = value;
        else if (type == typeof(bool) && bool.TryParse(text, out var b)) result = b;
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) result = i;
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) result = l;
        else if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) result = d;
        else if (type == typeof(TimeSpan) && (Durations.TryParse(text, out var t) || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out t))) result = t;
        else if (type.IsEnum && !text.Any(char.IsAsciiDigit) && Enum.TryParse(type, text, ignoreCase: true, out var e)) result = e;
        if (result is not null) return result;
        var shown = setting.IsSecret ? "the value" : $"'{value}'";
        throw new UserException($"{setting.Key}: {shown} is not {setting.Expected} ({origin})");
    }

    private static object ListOf(Setting setting, List<object> items)
    {
        var property = setting.Path[^1].PropertyType;
        if (property.GetGenericTypeDefinition() == typeof(IReadOnlySet<>))
        {
            // Sets of names (country codes) compare without regard to case, as the defaults do.
            if (setting.ValueType == typeof(string))
                return new HashSet<string>(items.Cast<string>(), StringComparer.OrdinalIgnoreCase);
            var set = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(setting.ValueType))!;
            foreach (var item in items) set.Add(item);
            return Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(setting.ValueType), set)!;
        }
        var array = Array.CreateInstance(setting.ValueType, items.Count);
        for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
        return array;
    }

    /// <summary>Sets the value at the setting's path, creating an optional section (the SMTP relay, the mailbox) when it is first given.</summary>
    private static void Set(HeraldOptions options, Setting setting, object value)
    {
        object target = options;
        foreach (var property in setting.Path.SkipLast(1))
        {
            var next = property.GetValue(target);
            if (next is null)
            {
                next = Activator.CreateInstance(property.PropertyType)!;
                property.SetValue(target, next);
            }
            target = next;
        }
        setting.Path[^1].SetValue(target, value);
    }

    /// <summary>The setting's value in <paramref name="options"/>, or null when it or a section above it is not set.</summary>
    public static object? Get(HeraldOptions options, Setting setting)
    {
        object? target = options;
        foreach (PropertyInfo property in setting.Path)
        {
            if (target is null) return null;
            target = property.GetValue(target);
        }
        return target;
    }
}

using System.Collections;
using System.Globalization;
using Herald.Collect.Upload;

namespace Herald.Settings;

/// <summary>One line of <c>herald config show</c>: a setting, its effective value (secrets masked) and where it came from.</summary>
public sealed record SettingEntry(string Key, string? Value, string Origin)
{
    public const string Mask = "********";

    /// <summary>A value as an operator would write it back: durations as <c>14d</c>, lists comma-separated, flags lower case.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => Durations.TryParse(Durations.Format(t), out var back) && back == t ? Durations.Format(t) : t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(",", items.Cast<object>().Select(Format)),
        _ => value.ToString(),
    };
}

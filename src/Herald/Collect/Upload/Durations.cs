using System.Globalization;

namespace Herald.Collect.Upload;

/// <summary>Durations as operators write them: <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n > 100_000) return false;
        duration = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.MinValue,
        };
        return duration != TimeSpan.MinValue;
    }

    public static string Format(TimeSpan d) =>
        d.TotalDays >= 1 && d.Ticks % TimeSpan.TicksPerDay == 0 ? $"{d.TotalDays:0}d"
        : d.TotalHours >= 1 && d.Ticks % TimeSpan.TicksPerHour == 0 ? $"{d.TotalHours:0}h"
        : d.TotalMinutes >= 1 && d.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{d.TotalMinutes:0}m"
        : $"{d.TotalSeconds:0}s";
}

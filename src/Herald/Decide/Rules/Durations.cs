using System.Globalization;

namespace Herald.Decide.Rules;

/// <summary>Durations as analysts write them: a whole number and a unit, <c>90m</c>, <c>12h</c>, <c>30d</c>, <c>2w</c>.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
            return false;
        value = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.MinValue,
        };
        return value != TimeSpan.MinValue;
    }

    public static string Format(TimeSpan value) =>
        value.TotalDays >= 1 && value.Ticks % TimeSpan.TicksPerDay == 0 ? $"{value.TotalDays:0}d"
        : value.Ticks % TimeSpan.TicksPerHour == 0 ? $"{value.TotalHours:0}h" : $"{value.TotalMinutes:0}m";
}

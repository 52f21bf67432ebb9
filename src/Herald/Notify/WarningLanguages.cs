namespace Herald.Notify;

/// <summary>
/// Which languages a warning is written in. A recipient who states languages (security.txt's
/// <c>Preferred-Languages</c>, the registry's contact languages) gets those Herald writes, in the stated order;
/// a recipient whose languages are unknown, or who states none Herald writes, gets Dutch and then English.
/// </summary>
public static class WarningLanguages
{
    public static IReadOnlyList<string> Choose(string? preferred)
    {
        var chosen = new List<string>();
        foreach (var part in (preferred ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "nl-NL" and "en-GB" count as nl and en.
            var language = part.Split('-')[0].ToLowerInvariant();
            if (WarningTemplates.Languages.Contains(language) && !chosen.Contains(language)) chosen.Add(language);
        }
        return chosen.Count > 0 ? chosen : WarningTemplates.Languages;
    }
}

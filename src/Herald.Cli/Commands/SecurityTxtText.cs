using System.Globalization;
using System.Text;
using Herald.SecurityTxt;

namespace Herald.Cli.Commands;

/// <summary>A security.txt result as text for a terminal; values from the file have control characters replaced, so a hostile file cannot drive the terminal.</summary>
internal static class SecurityTxtText
{
    public static string Write(SecurityTxtResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"security.txt for {Clean(result.Target)}: {Where(result)}");
        var f = result.Fields;
        Field(text, "Contact", f.Contact);
        Field(text, "Expires", f.ExpiresText is null ? [] : [f.ExpiresText]);
        Field(text, "Encryption", f.Encryption);
        Field(text, "Acknowledgments", f.Acknowledgments);
        Field(text, "Preferred-Languages", f.PreferredLanguages.Count == 0 ? [] : [string.Join(", ", f.PreferredLanguages)]);
        Field(text, "Canonical", f.Canonical);
        Field(text, "Policy", f.Policy);
        Field(text, "Hiring", f.Hiring);
        Field(text, "CSAF", f.Csaf);
        foreach (var (name, value) in f.Other) Field(text, name, [value]);
        if (result.Found) text.AppendLine(CultureInfo.InvariantCulture, $"  {"Signature:",-20} {Clean(result.Signature.Detail)}");
        Problems(text, "Errors", result.Errors);
        Problems(text, "Recommendations", result.Recommendations);
        Problems(text, "Notifications", result.Notifications);
        if (result.Attempts.Count > 0)
        {
            text.AppendLine("Tried:");
            foreach (var attempt in result.Attempts) text.AppendLine(CultureInfo.InvariantCulture, $"  {attempt.Url} -> {Clean(attempt.Outcome)}");
        }
        text.AppendLine(result.IsValid ? "Valid." : $"Not valid: {result.Errors.Count} error(s).");
        return text.ToString();
    }

    private static string Where(SecurityTxtResult result) => result.Location switch
    {
        SecurityTxtLocation.WellKnown => $"found at {result.Url}" + Redirected(result),
        SecurityTxtLocation.Legacy => $"found at the legacy location {result.Url}" + Redirected(result),
        SecurityTxtLocation.Content => "content checked as given",
        SecurityTxtLocation.NotFound => "not found",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Location, null),
    };

    private static string Redirected(SecurityTxtResult result) =>
        result.FinalUrl is { } final && final != result.Url ? $" (redirected to {final})" : "";

    private static void Field(StringBuilder text, string name, IReadOnlyList<string> values)
    {
        foreach (var value in values) text.AppendLine(CultureInfo.InvariantCulture, $"  {Clean(name) + ":",-20} {Clean(value)}");
    }

    private static void Problems(StringBuilder text, string title, IReadOnlyList<SecurityTxtProblem> problems)
    {
        if (problems.Count == 0) return;
        text.AppendLine(CultureInfo.InvariantCulture, $"{title} ({problems.Count}):");
        foreach (var p in problems)
        {
            var line = p.Line is int n ? $"line {n}" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {line,-9} {p.Code,-26} {Clean(p.Message)}");
        }
    }

    private static string Clean(string value) =>
        string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
}

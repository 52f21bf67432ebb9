using System.Net.Mail;

namespace Herald.Contacts;

/// <summary>Checks the addresses that untrusted sources (RDAP, RIPE, security.txt) hand out: placeholders and malformed values are refused with a reason.</summary>
public static class ContactAddress
{
    // Local parts that registries use instead of a real mailbox (GDPR redaction and the like).
    private static readonly HashSet<string> PlaceholderLocalParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "removed", "redacted", "withheld", "hidden", "private", "privacy", "not-disclosed", "notdisclosed", "not.disclosed",
        "none", "null", "nobody", "unknown", "noemail", "no-email", "no.email", "invalid", "n/a", "na", "dummy", "placeholder",
    };

    /// <summary>The normalised e-mail address, or null with the reason it is refused.</summary>
    public static string? CheckEmail(string? value, out string? problem)
    {
        var text = value?.Trim() ?? "";
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) text = text[7..];
        problem = null;
        if (text.Length == 0) problem = "the e-mail address is empty";
        else if (text.Contains("redacted", StringComparison.OrdinalIgnoreCase) || text.Contains("withheld", StringComparison.OrdinalIgnoreCase))
            problem = $"'{Shorten(text)}' is a redaction placeholder, not an address";
        else if (text.Length > 254 || !MailAddress.TryCreate(text, out var parsed) || parsed.Address != text || parsed.DisplayName.Length > 0
                 || !parsed.Host.Contains('.') || parsed.Host.StartsWith('.') || parsed.Host.EndsWith('.') || text.Any(char.IsWhiteSpace))
            problem = $"'{Shorten(text)}' is not a valid e-mail address";
        else if (PlaceholderLocalParts.Contains(parsed.User) || parsed.User.StartsWith("removed", StringComparison.OrdinalIgnoreCase))
            problem = $"'{Shorten(text)}' is a placeholder address";
        return problem is null ? text.ToLowerInvariant() : null;
    }

    /// <summary>The phone number with only digits and a leading +, or null with the reason it is refused.</summary>
    public static string? CheckPhone(string? value, out string? problem)
    {
        var text = value?.Trim() ?? "";
        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) text = text[4..];
        var semicolon = text.IndexOf(';');
        if (semicolon >= 0) text = text[..semicolon]; // tel: URI parameters such as ;ext=
        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0)) digits.Append(c);
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                problem = $"'{Shorten(text)}' is not a phone number";
                return null;
            }
        }
        var count = digits.Length - (digits.Length > 0 && digits[0] == '+' ? 1 : 0);
        problem = count is >= 6 and <= 15 ? null : $"'{Shorten(text)}' is not a phone number";
        return problem is null ? digits.ToString() : null;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

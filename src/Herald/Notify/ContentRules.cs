using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Herald.Notify;

/// <summary>
/// What no warning may contain, checked on template sources and again on every rendered warning before it is
/// sent: links outside the allow-listed domains, login-like links, forms and scripts, and wording (Dutch or
/// English) that asks the reader to log in or to hand over credentials.
/// </summary>
public sealed partial class ContentRules(ServiceOptions service)
{
    private const int MaxCleanUrls = 4096;

    private readonly IReadOnlyList<string> _domains = service.LinkDomains();
    private readonly ConcurrentDictionary<string, bool> _cleanUrls = new(StringComparer.Ordinal);

    /// <summary>Checks text or HTML; <paramref name="source"/> also allows the service's own URLs as variables in links.</summary>
    public void Check(string name, string content, bool html, bool source, List<LintFinding> findings)
    {
        // Value matches: no Match object per link or per pattern scanned; the text of a finding is cut out only when there is one.
        foreach (var m in UrlPattern().EnumerateMatches(content)) CheckUrl(name, content, m.Index, content.AsSpan(m.Index, m.Length), findings);
        if (html)
        {
            foreach (Match m in AttributePattern().Matches(content)) CheckAttribute(name, content, m, source, findings);
            foreach (var m in ForbiddenMarkup(content, firstOnly: false))
                findings.Add(new(name, LineAt(content, m.Index), $"forbidden HTML '{m.Value.Trim()}': no forms, scripts, frames or event handlers"));
            foreach (Match m in AnchorPattern().Matches(content))
                if (LoginWordPattern().IsMatch(m.Groups[1].Value))
                    findings.Add(new(name, LineAt(content, m.Index), $"login-like link text '{m.Groups[1].Value.Trim()}'"));
        }
        else if (ForbiddenMarkup(content, firstOnly: true) is [var element])
        {
            findings.Add(new(name, LineAt(content, element.Index), $"forbidden markup '{element.Value.Trim()}'"));
        }
        var reported = new HashSet<int>();
        foreach (var pattern in CredentialRequests)
        {
            foreach (var m in pattern.EnumerateMatches(content))
            {
                // Dutch and English patterns can match the same words ("log in via de link"): one finding each.
                if (Negated(content, m.Index) || !reported.Add(m.Index)) continue;
                findings.Add(new(name, LineAt(content, m.Index), $"wording that asks for a login or credentials: '{content.AsSpan(m.Index, m.Length).Trim()}'"));
            }
        }
    }

    public static int LineAt(string content, int index)
    {
        var line = 1;
        foreach (var c in content.AsSpan(0, Math.Min(index, content.Length))) if (c == '\n') line++;
        return line;
    }

    private void CheckUrl(string name, string content, int index, ReadOnlySpan<char> found, List<LintFinding> findings)
    {
        // Warnings repeat the same few links (the verification page, the website): one that passed once passes again.
        if (_cleanUrls.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(found)) return;
        var url = found.ToString();
        var before = findings.Count;
        if (url.Contains("{{", StringComparison.Ordinal) || url.Contains("{%", StringComparison.Ordinal))
        {
            findings.Add(new(name, LineAt(content, index), $"a link may not be built from variables: '{url}'"));
            return;
        }
        var absolute = url.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + url : url;
        if (!Uri.TryCreate(absolute.TrimEnd('.', ',', ';', ':', ')'), UriKind.Absolute, out var uri))
        {
            findings.Add(new(name, LineAt(content, index), $"unreadable link '{url}'"));
            return;
        }
        if (!Allowed(uri.Host)) findings.Add(new(name, LineAt(content, index), $"link to '{uri.Host}', which is not an allow-listed domain ({string.Join(", ", _domains.Distinct())})"));
        if (LoginWordPattern().IsMatch(uri.PathAndQuery + " " + uri.Host)) findings.Add(new(name, LineAt(content, index), $"login-like link '{url}'"));
        if (findings.Count == before && _cleanUrls.Count < MaxCleanUrls) _cleanUrls.TryAdd(url, true);
    }

    private void CheckAttribute(string name, string content, Match m, bool source, List<LintFinding> findings)
    {
        var value = m.Groups[2].Value.Trim();
        if (source && value.StartsWith("{{", StringComparison.Ordinal))
        {
            if (!ServiceUrlVariable().IsMatch(value))
                findings.Add(new(name, LineAt(content, m.Index), $"a link may only use the service's own addresses as variables (service.website_url, service.verify_url, service.sender_address), not '{value}'"));
            return;
        }
        if (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            var address = value["mailto:".Length..].Split('?')[0];
            if (!address.Equals(service.SenderAddress, StringComparison.OrdinalIgnoreCase) && !(source && ServiceUrlVariable().IsMatch(address)))
                findings.Add(new(name, LineAt(content, m.Index), $"mail links may only go to the service's own address, not '{address}'"));
            return;
        }
        if (value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || value.StartsWith('#')) return;
        if (!value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            findings.Add(new(name, LineAt(content, m.Index), $"'{m.Groups[1].Value}' must be an https link to an allow-listed domain, not '{value}'"));
        // An http(s) value is also found by the URL pattern and checked there.
    }

    private bool Allowed(string host) =>
        _domains.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));

    /// <summary>"We never ask you to log in through a link" is the opposite of a request: a negation earlier in the sentence clears it.</summary>
    private static bool Negated(string content, int index)
    {
        var start = content.AsSpan(0, index).LastIndexOfAny(".!?;\n");
        return NegationPattern().IsMatch(content.AsSpan(start + 1, index - start - 1));
    }

    /// <summary>
    /// Forms, scripts, frames and the like; event handler attributes; script URLs: in the order they occur (just the
    /// first when <paramref name="firstOnly"/>). Three patterns rather than one alternation: each starts with a rare
    /// character ('&lt;', the '=' found from the right, 'j') instead of stopping at every space, and as none of them can
    /// match inside another's match, together they find exactly what the alternation found.
    /// </summary>
    private static List<Match> ForbiddenMarkup(string content, bool firstOnly)
    {
        var found = new List<Match>();
        foreach (var pattern in (ReadOnlySpan<Regex>)[ForbiddenElementPattern(), EventHandlerPattern(), ScriptUrlPattern()])
            found.AddRange(pattern.Matches(content));
        found.Sort((x, y) => x.Index.CompareTo(y.Index));
        return firstOnly && found.Count > 1 ? found[..1] : found;
    }

    private static readonly Regex[] CredentialRequests =
    [
        // English
        EnglishLoginVia(), EnglishClick(), EnglishHandOver(), EnglishConfirmAccount(),
        // Dutch
        DutchLoginVia(), DutchViaLinkLogin(), DutchClick(), DutchHandOver(), DutchConfirmAccount(),
    ];

    [GeneratedRegex(@"(?:https?|ftp)://[^\s""'<>()\]\[]+|\bwww\.[^\s""'<>()\]\[]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\b(href|src|action|formaction|background|poster|srcset)\s*=\s*[""']?([^""'>]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"<\s*/?\s*(form|input|button|textarea|select|script|iframe|frame|frameset|object|embed|base|link|meta|svg|style)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForbiddenElementPattern();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex EventHandlerPattern();

    [GeneratedRegex("javascript:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptUrlPattern();

    [GeneratedRegex(@"<a\b[^>]*>(.*?)</a\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorPattern();

    [GeneratedRegex(@"log[- ]?in|log[- ]?on|sign[- ]?in|sign[- ]?on|inlog|aanmeld|\bauth|oauth|\bsso\b|password|wachtwoord|credential|webmail|\baccount", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LoginWordPattern();

    [GeneratedRegex(@"^\{\{-?\s*service\.(website_url|verify_url|sender_address)\s*-?\}\}$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceUrlVariable();

    [GeneratedRegex(@"\b(never|not|don't|do not|nooit|niet)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegationPattern();

    [GeneratedRegex(@"\b(log|sign)\s?(in|on)\b[^.!?;\n]{0,40}\b(via|through|using|with|at|on|here|below)\b[^.!?;\n]{0,30}\b(link|here|below|button|page|portal|site|website|url)\b|\b(log|sign)\s?in\s+(here|now|below)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishLoginVia();

    [GeneratedRegex(@"\b(click|tap|follow|open)\b[^.!?;\n]{0,30}\b(link|here|button|below)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishClick();

    [GeneratedRegex(@"\b(enter|provide|send|give|share|confirm|verify|update|submit|type|fill in)\b[^.!?;\n]{0,30}\byour\b[^.!?;\n]{0,20}\b(password|passwords|credentials|login|username|user name|pin|account details|login details|bank details|one-time code|2fa code)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishHandOver();

    [GeneratedRegex(@"\b(confirm|verify|validate|reactivate|unlock)\s+your\s+(account|identity|mailbox|e-mail address)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishConfirmAccount();

    [GeneratedRegex(@"\b(log|meld)\s+(u\s+|je\s+)?(hier\s+|nu\s+)?(in|aan)\b[^.!?;\n]{0,40}\b(via|met|op)\b[^.!?;\n]{0,30}\b(link|knop|pagina|portaal|site|website|url)\b|\b(inloggen|aanmelden)\b[^.!?;\n]{0,40}\b(via|met|op)\b[^.!?;\n]{0,30}\b(link|knop|pagina|portaal|site|website|url)\b|\b(log|meld)\s+(u\s+|je\s+)?(hier|nu)\s+(in|aan)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DutchLoginVia();

    [GeneratedRegex(@"\bvia\b[^.!?;\n]{0,30}\b(link|knop)\b[^.!?;\n]{0,30}\b(in te loggen|inloggen|aan te melden|aanmelden)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DutchViaLinkLogin();

    [GeneratedRegex(@"\bklik\b[^.!?;\n]{0,30}\b(link|hier|knop|onderstaande)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DutchClick();

    [GeneratedRegex(@"\b(vul|voer|geef|stuur|deel|bevestig|verifieer|verstrek|typ)\b[^.!?;\n]{0,30}\b(uw|je|jouw)\b[^.!?;\n]{0,20}\b(wachtwoord|wachtwoorden|inloggegevens|gebruikersnaam|pincode|accountgegevens|toegangscode|bankgegevens|inlogcode)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DutchHandOver();

    [GeneratedRegex(@"\b(bevestig|verifieer|valideer|activeer|deblokkeer)\s+(uw|je|jouw)\s+(account|identiteit|mailbox|e-mailadres)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DutchConfirmAccount();
}

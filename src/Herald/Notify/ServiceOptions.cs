using System.Text.RegularExpressions;
using Herald.Net;

namespace Herald.Notify;

/// <summary>How the service presents itself in every warning: fixed sender, published phone number, verification page.</summary>
public sealed partial record ServiceOptions
{
    public string Name { get; init; } = "Herald";
    public string SenderAddress { get; init; } = "waarschuwingen@herald.example";
    public string SenderName { get; init; } = "Herald waarschuwingsdienst";
    public string PhoneNumber { get; init; } = "+31 70 000 00 00";
    public string WebsiteUrl { get; init; } = "https://herald.example";
    public string VerifyUrl { get; init; } = "https://herald.example/verify";
    public string ReferencePrefix { get; init; } = "HRLD";

    /// <summary>Assets listed in the text; all of them go into a CSV attachment beyond this number.</summary>
    public int MaxAssetsInText { get; init; } = 25;

    /// <summary>Domains a template may link to (and their subdomains); the service's own site and the sender's domain always are.</summary>
    public IReadOnlyList<string> AllowedLinkDomains { get; init; } = [];

    /// <summary>The domain of the fixed sender address.</summary>
    public string SenderDomain => SenderAddress[(SenderAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>Every domain links may point to: the configured ones, the website's, the verification page's and the sender's.</summary>
    public IReadOnlyList<string> LinkDomains() =>
    [
        .. AllowedLinkDomains, new Uri(WebsiteUrl).Host, new Uri(VerifyUrl).Host, SenderDomain,
    ];

    /// <summary>What keeps this identity out of a warning: it goes into every message's headers and text and onto /verify.</summary>
    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Text(Name) is { } name) yield return ("Service:Name", name);
        if (!IsMailAddress(SenderAddress)) yield return ("Service:SenderAddress", $"'{SenderAddress}' is not an e-mail address such as warnings@cert.example");
        if (Text(SenderName) is { } sender) yield return ("Service:SenderName", sender);
        if (!PhoneNumberPattern().IsMatch(PhoneNumber ?? "")) yield return ("Service:PhoneNumber", $"'{PhoneNumber}' is not a phone number such as +31 70 123 45 67");
        if (WebAddress(WebsiteUrl) is { } website) yield return ("Service:WebsiteUrl", website);
        if (WebAddress(VerifyUrl) is { } verify) yield return ("Service:VerifyUrl", verify);
        if (!ReferencePrefixPattern().IsMatch(ReferencePrefix ?? ""))
            yield return ("Service:ReferencePrefix", $"'{ReferencePrefix}' is not 2 to 10 capital letters or digits starting with a letter, such as HRLD");
        if (MaxAssetsInText is < 1 or > 10_000) yield return ("Service:MaxAssetsInText", "must be between 1 and 10000");
        foreach (var domain in AllowedLinkDomains)
            if (!HostNames.IsDomain(domain)) yield return ("Service:AllowedLinkDomains", $"'{domain}' is not a domain name");
    }

    /// <summary>Text that goes into a header or a sentence: not empty, one line, no control characters.</summary>
    private static string? Text(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "must not be empty"
        : value.Any(char.IsControl) ? "must be one line without control characters"
        : value.Length > 200 ? "is longer than 200 characters"
        : null;

    private static string? WebAddress(string? value) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo)
            ? $"'{value}' is not a web address such as https://cert.example"
            : uri.Scheme == "http" && !uri.IsLoopback ? $"'{value}' must use https (recipients check it to trust the warning)"
            : null;

    private static bool IsMailAddress(string? value) =>
        value is { Length: > 3 and <= 254 } && !value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or '"' or ',' or ';')
        && value.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at == value.LastIndexOf('@')
        && HostNames.IsDomain(value[(at + 1)..]);

    [GeneratedRegex(@"^\+?[0-9][0-9 ()./-]{4,24}$")]
    private static partial Regex PhoneNumberPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}$")]
    private static partial Regex ReferencePrefixPattern();
}

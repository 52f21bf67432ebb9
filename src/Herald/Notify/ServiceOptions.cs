namespace Herald.Notify;

/// <summary>How the service presents itself in every warning: fixed sender, published phone number, verification page.</summary>
public sealed record ServiceOptions
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
}

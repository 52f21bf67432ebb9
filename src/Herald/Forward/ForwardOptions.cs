using Herald.Net;

namespace Herald.Forward;

/// <summary>Limits and secrets for forwarding cases to partners.</summary>
public sealed record ForwardOptions
{
    /// <summary>The largest document (attachment or POST body) sent; a larger forward fails with the reason.</summary>
    public long MaxDocumentBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// How POSTs reach partners' servers: public addresses only (the SSRF checks of <see cref="SafeHttpHandler"/>),
    /// https only, the time limit for the whole request and the most of an answer read.
    /// </summary>
    public SafeHttpOptions Http { get; init; } = new()
    {
        Timeout = TimeSpan.FromSeconds(60),
        MaxResponseBytes = 64 * 1024,
        UserAgent = "Herald/1.0 (partner forwarding)",
    };

    /// <summary>Bearer tokens per partner code, for partners whose endpoint wants one; never logged.</summary>
    public BearerTokens Tokens { get; init; } = BearerTokens.None;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (MaxDocumentBytes < 1) yield return ("Forward:MaxDocumentBytes", "must be positive");
        if (Http.Timeout <= TimeSpan.Zero) yield return ("Forward:Http:Timeout", "must be positive");
        if (Http.ConnectTimeout <= TimeSpan.Zero) yield return ("Forward:Http:ConnectTimeout", "must be positive");
        if (Http.MaxResponseBytes < 1) yield return ("Forward:Http:MaxResponseBytes", "must be positive");
        if (Http.MaxRedirects < 0) yield return ("Forward:Http:MaxRedirects", "must be 0 or more");
    }

    /// <exception cref="UserException">The first of <see cref="Problems"/>.</exception>
    public void Validate() => UserException.ThrowFirst(Problems());
}

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

    public void Validate()
    {
        if (MaxDocumentBytes < 1) throw new InvalidOperationException("The forward document limit must be positive.");
        if (Http.Timeout <= TimeSpan.Zero) throw new InvalidOperationException("The forward time limit must be positive.");
    }
}

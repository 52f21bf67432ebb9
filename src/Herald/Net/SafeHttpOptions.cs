using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Herald.Net;

/// <summary>Limits for fetching from servers Herald does not control (security.txt, keys, RDAP, report URLs).</summary>
public sealed record SafeHttpOptions
{
    /// <summary>
    /// Special-purpose networks that may be reached anyway (for example 127.0.0.0/8 in tests, or an internal
    /// resolver's range). Empty by default: only public addresses.
    /// </summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>Whether plain http:// may be requested or redirected to. Off by default.</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Redirects followed before giving up.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>The largest response body read; a larger one fails the fetch.</summary>
    public long MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Time to resolve and connect to one server.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time for a whole fetch: every redirect and the body included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One more certificate authority trusted besides the system's (a test authority, a private PKI). Validation is never switched off.</summary>
    public X509Certificate2? ExtraTrustRoot { get; init; }

    /// <summary>Sent with every request, so that server operators can tell who asked.</summary>
    public string UserAgent { get; init; } = "Herald/1.0 (security.txt and contact discovery)";
}

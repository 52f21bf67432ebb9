namespace Herald.Contacts;

/// <summary>Settings of RDAP lookups: where the bootstrap registries are, limits, cache lifetime and rate per registry.</summary>
public sealed record RdapOptions
{
    /// <summary>IANA's bootstrap files (ipv4.json, ipv6.json, asn.json) as local paths or http(s) URLs.</summary>
    public IReadOnlyList<string> BootstrapSources { get; init; } =
        ["https://data.iana.org/rdap/ipv4.json", "https://data.iana.org/rdap/ipv6.json", "https://data.iana.org/rdap/asn.json"];

    /// <summary>Largest answer read; a longer one is refused (RDAP answers are untrusted).</summary>
    public long MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Redirects followed per lookup (bootstrap and registry servers redirect to the registry that holds the object).</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>How long an answer is reused.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long a failed lookup is remembered before it is tried again.</summary>
    public TimeSpan FailureCacheLifetime { get; init; } = TimeSpan.FromHours(1);

    public int MaxCacheEntries { get; init; } = 100_000;

    /// <summary>Requests a registry may receive in a burst (token bucket per registry base URL).</summary>
    public int Burst { get; init; } = 5;

    /// <summary>Requests per second a registry receives once the burst is spent.</summary>
    public double RequestsPerSecond { get; init; } = 1;

    /// <summary>Longest wait for a token; when the wait would be longer, the lookup is reported as rate-limited.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(10);
}

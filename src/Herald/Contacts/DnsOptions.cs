using System.Net;

namespace Herald.Contacts;

/// <summary>Settings of DNS lookups: the resolver (address:port), time limits and how long answers are kept.</summary>
public sealed record DnsOptions
{
    /// <summary>The resolver to ask, as address:port (e.g. 127.0.0.1:53 or [::1]:53).</summary>
    public required IPEndPoint Resolver { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);
    public int Retries { get; init; } = 1;

    /// <summary>Answers are kept for their TTL, but at least this long (a TTL of 0 would mean asking again for every event).</summary>
    public TimeSpan MinimumTtl { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaximumTtl { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long a failed lookup (timeout, server failure, no such name) is remembered.</summary>
    public TimeSpan FailureTtl { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxCacheEntries { get; init; } = 100_000;

    /// <summary>Reads "address:port" (port 53 when absent); throws on bad configuration.</summary>
    public static IPEndPoint ParseResolver(string text) =>
        IPEndPoint.TryParse(text, out var endpoint)
            ? endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint
            : throw new InvalidOperationException($"DNS resolver '{text}' is not address:port");
}

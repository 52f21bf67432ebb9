using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Herald.Contacts;

/// <summary>
/// Finds the abuse contact of an address or AS over RDAP: the registry from IANA's bootstrap, the IP network
/// first and the autnum when the network names none. Answers are cached for a lifetime, each registry gets
/// requests at a limited rate, and every failure is an answer with a problem, never an exception.
/// </summary>
/// <remarks>The HttpClient is injected so that the caller decides how connections are made (the SSRF-safe handler in production).</remarks>
public sealed class RdapClient(HttpClient http, RdapBootstrap bootstrap, RdapOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (RdapAnswer Answer, DateTimeOffset Expires)> _cache = new();
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new();

    /// <summary>Reads IANA's bootstrap files (local paths or URLs) named in <paramref name="options"/>.</summary>
    public static async Task<RdapBootstrap> LoadBootstrapAsync(HttpClient http, RdapOptions options, CancellationToken cancellationToken)
    {
        var bootstrap = new RdapBootstrap();
        foreach (var source in options.BootstrapSources)
        {
            var (body, problem) = await BoundedHttp.LoadAsync(http, source, options.MaxResponseBytes, options.MaxRedirects, cancellationToken);
            if (body is null) bootstrap.Problems.Add(problem!);
            else bootstrap.Add(source, body);
        }
        return bootstrap;
    }

    /// <summary>The abuse contacts of the network holding <paramref name="address"/>, or else of <paramref name="asn"/>'s autnum; the problems of both.</summary>
    public async Task<RdapAnswer> FindAbuseAsync(IPAddress? address, long? asn, CancellationToken cancellationToken)
    {
        RdapAnswer? network = address is null ? null : await FindNetworkAsync(address, cancellationToken);
        if (network is { AbuseContacts.Count: > 0 } || asn is null) return network ?? RdapAnswer.Failed("", null, "neither address nor AS given");
        var autnum = await FindAutnumAsync(asn.Value, cancellationToken);
        return network is null ? autnum : autnum with { Problems = [.. network.Problems, .. autnum.Problems] };
    }

    public Task<RdapAnswer> FindNetworkAsync(IPAddress address, CancellationToken cancellationToken) =>
        LookupAsync("ip/" + address, bootstrap.ServersFor(address), cancellationToken);

    public Task<RdapAnswer> FindAutnumAsync(long asn, CancellationToken cancellationToken) =>
        LookupAsync("autnum/" + asn.ToString(CultureInfo.InvariantCulture), bootstrap.ServersFor(asn), cancellationToken);

    private async Task<RdapAnswer> LookupAsync(string query, IReadOnlyList<Uri> servers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(query, out var cached) && cached.Expires > now) return cached.Answer;
        if (servers.Count == 0) return RdapAnswer.Failed(query, null, $"no RDAP registry is known for {query} in the bootstrap files");

        var server = servers[0];
        var bucket = _buckets.GetOrAdd(server.AbsoluteUri, _ => new TokenBucket(options.Burst, options.RequestsPerSecond, time));
        while (!bucket.TryTake(out var wait))
        {
            // Not cached: the registry was not asked, so the next call may try again.
            if (wait > options.MaxRateLimitWait)
                return RdapAnswer.Failed(query, null, $"rate limit for {server.Host} reached: try again in {wait.TotalSeconds:0.#} s");
            await Task.Delay(wait, time, cancellationToken);
        }

        var url = new Uri(server, query);
        var (body, status, problem) = await BoundedHttp.GetAsync(http, url, "application/rdap+json", options.MaxResponseBytes, options.MaxRedirects, cancellationToken);
        var answer = problem is not null ? RdapAnswer.Failed(query, url, problem)
            : status == HttpStatusCode.NotFound ? RdapAnswer.Failed(query, url, $"{url}: the registry has no such object (HTTP 404)")
            : status is not HttpStatusCode.OK && body is { Length: 0 } ? RdapAnswer.Failed(query, url, $"{url}: HTTP {(int)status!}")
            : RdapDocument.Read(query, url, body, time.GetUtcNow());
        Remember(query, answer, now);
        return answer;
    }

    private void Remember(string query, RdapAnswer answer, DateTimeOffset now)
    {
        if (_cache.Count >= options.MaxCacheEntries)
        {
            foreach (var (key, entry) in _cache)
                if (entry.Expires <= now) _cache.TryRemove(key, out _);
            if (_cache.Count >= options.MaxCacheEntries) _cache.Clear();
        }
        var lifetime = answer.AbuseContacts.Count > 0 ? options.CacheLifetime : options.FailureCacheLifetime;
        _cache[query] = (answer, now + lifetime);
    }
}

using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Herald.Contacts;

/// <summary>
/// Forward (A, AAAA) and reverse (PTR) lookups against the configured resolver, with DnsClient. Answers are
/// cached for the records' TTL on a <see cref="TimeProvider"/>; failures are answers with a problem, cached briefly.
/// </summary>
public sealed class DnsLookup
{
    private readonly LookupClient _client;
    private readonly DnsOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DnsAnswer> _cache = new(StringComparer.OrdinalIgnoreCase);

    public DnsLookup(DnsOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _client = new LookupClient(new LookupClientOptions(new NameServer(options.Resolver))
        {
            UseCache = false, // the TTL cache is ours, on our clock
            Timeout = options.Timeout,
            Retries = options.Retries,
            UseTcpFallback = true,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
        });
    }

    /// <summary>The IPv4 and IPv6 addresses of <paramref name="host"/>.</summary>
    public async Task<DnsAnswer> ForwardAsync(string host, CancellationToken cancellationToken)
    {
        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        var v4 = await QueryAsync(name, QueryType.A, cancellationToken);
        var v6 = await QueryAsync(name, QueryType.AAAA, cancellationToken);
        var values = v4.Values.Concat(v6.Values).ToList();
        // One family missing is normal; the lookup failed only when both did.
        var problem = values.Count > 0 ? null : v4.Problem ?? v6.Problem ?? $"{name} has no A or AAAA record";
        return new DnsAnswer(name, values, problem, v4.AnsweredAt, v4.ExpiresAt < v6.ExpiresAt ? v4.ExpiresAt : v6.ExpiresAt);
    }

    /// <summary>The host names (PTR) of <paramref name="address"/>.</summary>
    public Task<DnsAnswer> ReverseAsync(IPAddress address, CancellationToken cancellationToken) =>
        QueryAsync(address.GetArpaName(), QueryType.PTR, cancellationToken);

    private async Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var key = type + " " + name;
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.ExpiresAt > now) return cached;

        DnsAnswer answer;
        try
        {
            var response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken);
            if (response.HasError)
                answer = Failed(response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
                    ? $"{name}: no such name (NXDOMAIN)"
                    : $"{name}: {response.ErrorMessage}");
            else
            {
                var records = response.Answers.Where(r => r.RecordType == (ResourceRecordType)type).ToList();
                var values = records.Select(r => r switch
                {
                    ARecord a => a.Address.ToString(),
                    AaaaRecord a => a.Address.ToString(),
                    PtrRecord p => p.PtrDomainName.Value.TrimEnd('.').ToLowerInvariant(),
                    _ => r.ToString(),
                }).Distinct().ToList();
                var ttl = records.Count == 0 ? _options.FailureTtl : TimeSpan.FromSeconds(records.Min(r => r.InitialTimeToLive));
                ttl = ttl < _options.MinimumTtl ? _options.MinimumTtl : ttl > _options.MaximumTtl ? _options.MaximumTtl : ttl;
                answer = new DnsAnswer(name, values, values.Count == 0 ? $"{name}: no {type} record" : null, now, now + ttl);
            }
        }
        catch (DnsResponseException ex)
        {
            answer = Failed($"{name}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = Failed($"{name}: no answer in time");
        }

        if (_cache.Count >= _options.MaxCacheEntries) _cache.Clear();
        _cache[key] = answer;
        return answer;

        DnsAnswer Failed(string problem) => new(name, [], problem, now, now + _options.FailureTtl);
    }
}

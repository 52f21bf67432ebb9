namespace Herald.SecurityTxt;

/// <summary>
/// Keeps security.txt results in memory: a found file until its Expires or <see cref="SecurityTxtOptions.MaxLifetime"/>,
/// whichever comes first; "not found" and failures for <see cref="SecurityTxtOptions.NotFoundLifetime"/>.
/// </summary>
public sealed class CachedSecurityTxtLookup(ISecurityTxtLookup inner, TimeProvider time, SecurityTxtOptions? options = null) : ISecurityTxtLookup
{
    private readonly SecurityTxtOptions _options = options ?? new SecurityTxtOptions();
    private readonly Dictionary<(string Target, string? Key), (SecurityTxtResult Result, DateTimeOffset Until)> _entries = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    public async Task<SecurityTxtResult> LookupAsync(string target, string? registryKey = null, CancellationToken cancellationToken = default)
    {
        var key = (SecurityTxtFetcher.Authority(target) ?? target, registryKey);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Until > now) return entry.Result;
        }
        var result = await inner.LookupAsync(target, registryKey, cancellationToken);
        var until = Until(result, time.GetUtcNow());
        lock (_lock)
        {
            if (_entries.Count >= _options.MaxEntries && !_entries.ContainsKey(key)) MakeRoom(now);
            _entries[key] = (result, until);
        }
        return result;
    }

    private DateTimeOffset Until(SecurityTxtResult result, DateTimeOffset now)
    {
        if (!result.Found) return now + _options.NotFoundLifetime;
        var max = now + _options.MaxLifetime;
        return result.Fields.Expires is { } expires && expires < max ? expires : max;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var stale in _entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList()) _entries.Remove(stale);
        if (_entries.Count >= _options.MaxEntries) _entries.Remove(_entries.MinBy(e => e.Value.Until).Key);
    }
}

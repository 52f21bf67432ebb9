namespace Herald.Contacts;

/// <summary>A token bucket on a <see cref="TimeProvider"/>: <paramref name="capacity"/> tokens, refilled at <paramref name="perSecond"/>.</summary>
internal sealed class TokenBucket(int capacity, double perSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = capacity;
    private DateTimeOffset _last = time.GetUtcNow();

    /// <summary>Takes a token, or says how long until one is there.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var elapsed = (now - _last).TotalSeconds;
            if (elapsed > 0) _tokens = Math.Min(capacity, _tokens + (elapsed * perSecond));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                wait = TimeSpan.Zero;
                return true;
            }
            wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
            return false;
        }
    }
}

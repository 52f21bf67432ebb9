using System.Collections.Concurrent;

namespace Herald.Deliver;

/// <summary>
/// Limits how many messages go to one receiving domain at once and per minute, so that a large batch to one
/// provider is not taken for spam. Rate is measured on the monotonic clock, which a test clock leaves alone.
/// </summary>
public sealed class DomainThrottle(int concurrencyPerDomain, int perMinute, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a turn to send to <paramref name="domain"/>; dispose the result when the message is handed over.</summary>
    public async Task<IDisposable> WaitTurnAsync(string domain, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(domain, _ => new Gate(concurrencyPerDomain));
        await gate.Slots.WaitAsync(cancellationToken);
        try
        {
            if (perMinute > 0)
            {
                var spacing = TimeSpan.FromMinutes(1) / perMinute;
                TimeSpan wait;
                lock (gate)
                {
                    var now = time.GetTimestamp();
                    var next = gate.NextAllowed ?? now;
                    if (next < now) next = now;
                    wait = next > now ? time.GetElapsedTime(now, next) : TimeSpan.Zero;
                    gate.NextAllowed = next + (long)(spacing.TotalSeconds * time.TimestampFrequency);
                }
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            }
            return new Turn(gate);
        }
        catch
        {
            gate.Slots.Release();
            throw;
        }
    }

    private sealed class Gate(int slots)
    {
        public SemaphoreSlim Slots { get; } = new(slots, slots);
        public long? NextAllowed { get; set; }
    }

    private sealed class Turn(Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Slots.Release();
        }
    }
}

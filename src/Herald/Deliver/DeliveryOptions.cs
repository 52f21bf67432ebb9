using System.Security.Cryptography;

namespace Herald.Deliver;

/// <summary>How the outbox sends: relay (none: pickup folder), retries with back-off, concurrency and rate per receiving domain.</summary>
public sealed record DeliveryOptions
{
    /// <summary>The SMTP relay; null keeps the pickup folder (the embedded default).</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>
    /// Send over the SMTP relay without a DKIM key. Off by default: recipients often take real warnings for phishing,
    /// and an unsigned one gives their mail filter and them nothing to check.
    /// </summary>
    public bool AllowUnsigned { get; init; }

    /// <summary>Tries before a temporary failure becomes final.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The wait after the first temporary failure; it doubles after each further one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two tries, jitter included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Up to this fraction is added to each wait at random, so that retries of many warnings spread out.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>How long a claimed notification stays with its sender; after that (a crash) another sender may take it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Notifications taken per run.</summary>
    public int BatchSize { get; init; } = 200;

    public int MaxConcurrency { get; init; } = 8;
    public int MaxConcurrencyPerDomain { get; init; } = 2;

    /// <summary>Messages per minute to one receiving domain; 0 for no limit.</summary>
    public int MaxPerMinutePerDomain { get; init; } = 30;

    /// <summary>The wait before try number <paramref name="attempts"/> + 1, or null when no try is left.</summary>
    public TimeSpan? RetryDelay(int attempts)
    {
        if (attempts >= MaxAttempts) return null;
        var exponent = Math.Min(attempts - 1, 30);
        var delay = FirstRetryDelay.TotalSeconds * Math.Pow(2, exponent);
        delay *= 1 + (Jitter * RandomNumberGenerator.GetInt32(1001) / 1000.0);
        return TimeSpan.FromSeconds(Math.Min(delay, MaxRetryDelay.TotalSeconds));
    }

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (MaxAttempts < 1) yield return ("Delivery:MaxAttempts", "must be at least 1");
        if (MaxConcurrency < 1) yield return ("Delivery:MaxConcurrency", "must be at least 1");
        if (MaxConcurrencyPerDomain < 1) yield return ("Delivery:MaxConcurrencyPerDomain", "must be at least 1");
        if (BatchSize < 1) yield return ("Delivery:BatchSize", "must be at least 1");
        if (MaxPerMinutePerDomain < 0) yield return ("Delivery:MaxPerMinutePerDomain", "must be 0 (no limit) or more");
        if (Jitter is < 0 or > 1) yield return ("Delivery:Jitter", "is a fraction between 0 and 1");
        if (FirstRetryDelay <= TimeSpan.Zero) yield return ("Delivery:FirstRetryDelay", "must be positive");
        if (MaxRetryDelay < FirstRetryDelay) yield return ("Delivery:MaxRetryDelay", "must be at least Delivery:FirstRetryDelay");
        if (Lease <= TimeSpan.Zero) yield return ("Delivery:Lease", "must be positive");
        if (Smtp is not null)
            foreach (var problem in Smtp.Problems()) yield return problem;
    }

    /// <exception cref="UserException">The first of <see cref="Problems"/>.</exception>
    public void Validate() => UserException.ThrowFirst(Problems());
}

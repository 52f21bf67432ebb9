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

    public void Validate()
    {
        Smtp?.Validate();
        if (MaxAttempts < 1 || MaxConcurrency < 1 || MaxConcurrencyPerDomain < 1 || BatchSize < 1 || MaxPerMinutePerDomain < 0)
            throw new InvalidOperationException("Delivery limits must be positive (the rate per domain may be 0 for none).");
        if (Jitter is < 0 or > 1) throw new InvalidOperationException("Delivery jitter is a fraction between 0 and 1.");
    }
}

namespace Herald.SecurityTxt;

/// <summary>How long security.txt results are kept, and how many.</summary>
public sealed record SecurityTxtOptions
{
    /// <summary>The longest a found file is trusted before fetching again, even when its Expires is later.</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long "not found" or a failed fetch is remembered.</summary>
    public TimeSpan NotFoundLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Results kept at most; the one expiring first makes room.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Encryption URIs fetched at most per file to find the signing key.</summary>
    public int MaxKeyFetches { get; init; } = 3;
}

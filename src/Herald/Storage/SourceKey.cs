namespace Herald.Storage;

/// <summary>
/// An API key of a source. Only the SHA-256 of the key is kept: the key holds 32 random bytes, so a fast
/// hash is enough (no password stretching needed), and the key itself is shown once, when it is made.
/// </summary>
public sealed class SourceKey
{
    public long Id { get; set; }

    /// <summary>The public part of the key (<c>hk_&lt;KeyId&gt;_…</c>): names it in lists, logs and revocation.</summary>
    public required string KeyId { get; set; }

    public long SourceId { get; set; }

    /// <summary>SHA-256 of the whole key.</summary>
    public required byte[] Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

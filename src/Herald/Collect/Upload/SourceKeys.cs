using System.Security.Cryptography;
using System.Text;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Collect.Upload;

/// <summary>
/// Makes, checks and revokes the API keys of sources. A key is <c>hk_&lt;key id&gt;_&lt;secret&gt;</c> with 32 random
/// bytes of secret; it is shown once and kept only as its SHA-256, compared in constant time.
/// </summary>
public sealed class SourceKeys(TimeProvider time)
{
    private const string Prefix = "hk_";
    private const int KeyIdLength = 12;

    // Compared against when a key id is unknown, so that a wrong key costs the same work as a right one.
    private static readonly byte[] NoHash = new byte[32];

    /// <summary>A new key for the source; the returned text is the only time the key exists outside the caller.</summary>
    public async Task<(SourceKey Key, string Secret)> CreateAsync(HeraldDb db, string sourceName, string actor, CancellationToken cancellationToken)
    {
        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == sourceName, cancellationToken)
            ?? throw new ArgumentException($"there is no source named '{sourceName}'; add it with 'herald source add'");
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = $"{Prefix}{keyId}_{System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        var key = new SourceKey { KeyId = keyId, SourceId = source.Id, Hash = Hash(secret), CreatedAt = time.GetUtcNow() };
        db.SourceKeys.Add(key);
        db.Audit.Add(new AuditEntry { At = key.CreatedAt, Actor = actor, Action = "source.key.created", Subject = source.Name, Detail = $"key {keyId}" });
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>Revokes a key by its id; false when there is no such key or it was revoked before.</summary>
    public async Task<bool> RevokeAsync(HeraldDb db, string keyId, string actor, CancellationToken cancellationToken)
    {
        var key = await db.SourceKeys.FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        if (key is null || key.RevokedAt is not null) return false;
        var source = await db.Sources.AsNoTracking().Where(s => s.Id == key.SourceId).Select(s => s.Name).FirstAsync(cancellationToken);
        key.RevokedAt = time.GetUtcNow();
        db.Audit.Add(new AuditEntry { At = key.RevokedAt.Value, Actor = actor, Action = "source.key.revoked", Subject = source, Detail = $"key {keyId}" });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The source of a presented key, or null when the key is malformed, unknown or revoked; marks the key used.</summary>
    public async Task<(Source Source, string KeyId)?> VerifyAsync(HeraldDb db, string? presented, CancellationToken cancellationToken)
    {
        if (KeyIdOf(presented) is not { } keyId) return null;
        var key = await db.SourceKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        var matches = CryptographicOperations.FixedTimeEquals(Hash(presented!), key?.Hash ?? NoHash);
        if (key is null || !matches || key.RevokedAt is not null) return null;
        var source = await db.Sources.AsNoTracking().FirstAsync(s => s.Id == key.SourceId, cancellationToken);
        var now = time.GetUtcNow();
        await db.SourceKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return (source, keyId);
    }

    /// <summary>The public key id of a key in the right shape, else null; safe to log.</summary>
    public static string? KeyIdOf(string? presented)
    {
        if (presented is null || presented.Length != Prefix.Length + KeyIdLength + 1 + 43 || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + KeyIdLength] != '_') return null;
        var keyId = presented.Substring(Prefix.Length, KeyIdLength);
        foreach (var c in keyId)
            if (!char.IsAsciiHexDigitLower(c)) return null;
        return keyId;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

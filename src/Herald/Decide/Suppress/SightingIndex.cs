using System.Buffers;
using System.Buffers.Binary;
using System.Data.Common;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Decide.Suppress;

/// <summary>
/// What was warned about recently, by organisation, asset and issue, kept in memory while a report is decided
/// (so a duplicate inside one report is caught too); what changed is taken per batch and stored with its events.
/// </summary>
/// <remarks>
/// A large report warns about millions of assets, so what is remembered is small: per key only a digest and when
/// it was last warned about, to the second (<see cref="DigestTable"/>: 16 bytes a slot). The whole keys and their counts are kept only for the
/// current batch, until <see cref="TakeChanges"/> hands them over to be stored.
/// </remarks>
public sealed class SightingIndex
{
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    // Digest of the key → when it was last warned about (to the second).
    private readonly DigestTable _warned = new();

    // The keys changed since the last TakeChanges, with what changed.
    private readonly Dictionary<SightingKey, Change> _changed = [];

    public SightingIndex(IEnumerable<Sighting> known)
    {
        foreach (var s in known) Remember(s.OrganisationKey, s.Asset, s.Issue, s.LastWarnedAt);
    }

    /// <summary>
    /// The sightings warned about since <paramref name="since"/>: what "seen before" can match. Read one at a time, as
    /// there may be millions.
    /// </summary>
    public static async Task<SightingIndex> LoadAsync(HeraldDb db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var index = new SightingIndex([]);
        var known = db.Set<Sighting>().AsNoTracking().Where(s => s.LastWarnedAt >= since)
            .Select(s => new { s.OrganisationKey, s.Asset, s.Issue, s.LastWarnedAt }).AsAsyncEnumerable();
        await foreach (var s in known.WithCancellation(cancellationToken)) index.Remember(s.OrganisationKey, s.Asset, s.Issue, s.LastWarnedAt);
        return index;
    }

    private void Remember(string organisationKey, string asset, string issue, DateTimeOffset? lastWarnedAt)
    {
        if (lastWarnedAt is { } at && SightingKey.Parse(organisationKey, asset, issue) is { } key) _warned.Set(Digest(key), at.UtcTicks);
    }

    public bool WarnedWithin(SightingKey key, TimeSpan window, DateTimeOffset now) =>
        _warned.TryGet(Digest(key), out var at) && now.UtcTicks - at <= window.Ticks;

    public void Warned(SightingKey key, DateTimeOffset now)
    {
        _warned.Set(Digest(key), now.UtcTicks);
        var c = Get(key, now);
        c.LastWarnedAt = now;
        c.Warned++;
    }

    public void Suppressed(SightingKey key, string why, DateTimeOffset now)
    {
        var c = Get(key, now);
        c.Suppressed++;
        c.LastSuppression = why;
    }

    /// <summary>
    /// The counts gathered since the last call, and starts counting afresh: stored with the events they belong to
    /// (in the same transaction), a report read again after a crash counts each row once.
    /// </summary>
    public IReadOnlyList<SightingChange> TakeChanges()
    {
        var changes = new List<SightingChange>(_changed.Count);
        foreach (var (key, c) in _changed)
            changes.Add(new SightingChange(key, c.SeenAt, c.Warned > 0 ? c.LastWarnedAt : null, c.Warned, c.Suppressed, c.LastSuppression));
        _changed.Clear();
        return changes;
    }

    /// <summary>Adds <paramref name="changes"/> to the stored sightings inside <paramref name="tx"/>.</summary>
    public static async Task WriteAsync(DbTransaction tx, IReadOnlyList<SightingChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return;
        await using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO "Sightings" ("OrganisationKey","Asset","Issue","FirstSeenAt","LastSeenAt","LastWarnedAt","WarnedCount","SuppressedCount","LastSuppression")
            VALUES (@p0,@p1,@p2,@p3,@p3,@p4,@p5,@p6,@p7)
            ON CONFLICT ("OrganisationKey","Asset","Issue") DO UPDATE SET
              "LastSeenAt" = excluded."LastSeenAt",
              "LastWarnedAt" = COALESCE(excluded."LastWarnedAt", "LastWarnedAt"),
              "WarnedCount" = "WarnedCount" + excluded."WarnedCount",
              "SuppressedCount" = "SuppressedCount" + excluded."SuppressedCount",
              "LastSuppression" = COALESCE(excluded."LastSuppression", "LastSuppression")
            """;
        var p = new DbParameter[8];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = command.CreateParameter();
            p[i].ParameterName = "@p" + i;
            command.Parameters.Add(p[i]);
        }
        foreach (var c in changes)
        {
            p[0].Value = c.Key.OrganisationText;
            p[1].Value = c.Key.AssetText;
            p[2].Value = c.Key.Issue;
            p[3].Value = Time.ConvertToProvider(c.SeenAt)!;
            p[4].Value = c.LastWarnedAt is { } warned ? Time.ConvertToProvider(warned)! : DBNull.Value;
            p[5].Value = c.Warned;
            p[6].Value = c.Suppressed;
            p[7].Value = (object?)c.LastSuppression ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private Change Get(SightingKey key, DateTimeOffset now)
    {
        if (!_changed.TryGetValue(key, out var c)) _changed[key] = c = new Change();
        c.SeenAt = now;
        return c;
    }

    /// <summary>The key as 128 bits (XxHash128): two different keys share a digest with odds far below one in 10^25.</summary>
    private static UInt128 Digest(SightingKey key)
    {
        var host = MemoryMarshal.AsBytes((key.Host ?? "").AsSpan());
        var issue = MemoryMarshal.AsBytes(key.Issue.AsSpan());
        var length = 36 + host.Length + issue.Length;
        byte[]? rented = null;
        var bytes = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        BinaryPrimitives.WriteInt64LittleEndian(bytes, key.Owner);
        BinaryPrimitives.WriteUInt128LittleEndian(bytes[8..], key.Address);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[24..], key.Port);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[28..], key.Host?.Length ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[32..], key.Issue.Length);
        host.CopyTo(bytes[36..]);
        issue.CopyTo(bytes[(36 + host.Length)..]);
        var digest = XxHash128.HashToUInt128(bytes);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return digest;
    }

    private sealed class Change
    {
        public DateTimeOffset? LastWarnedAt { get; set; }
        public DateTimeOffset SeenAt { get; set; }
        public int Warned { get; set; }
        public int Suppressed { get; set; }
        public string? LastSuppression { get; set; }
    }
}

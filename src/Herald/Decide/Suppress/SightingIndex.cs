using System.Data.Common;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Decide.Suppress;

/// <summary>
/// What was warned about recently, by organisation, asset and issue, kept in memory while a report is decided
/// (so a duplicate inside one report is caught too) and written back afterwards with what changed.
/// </summary>
public sealed class SightingIndex
{
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    private readonly Dictionary<SightingKey, State> _states = [];

    public SightingIndex(IEnumerable<Sighting> known)
    {
        foreach (var s in known)
            if (SightingKey.Parse(s.OrganisationKey, s.Asset, s.Issue) is { } key) _states[key] = new State { LastWarnedAt = s.LastWarnedAt };
    }

    /// <summary>The sightings warned about since <paramref name="since"/>: what "seen before" can match.</summary>
    public static async Task<SightingIndex> LoadAsync(HeraldDb db, DateTimeOffset since, CancellationToken cancellationToken) =>
        new(await db.Set<Sighting>().AsNoTracking().Where(s => s.LastWarnedAt >= since).ToListAsync(cancellationToken));

    public bool WarnedWithin(SightingKey key, TimeSpan window, DateTimeOffset now) =>
        _states.TryGetValue(key, out var s) && s.LastWarnedAt is { } at && now - at <= window;

    public void Warned(SightingKey key, DateTimeOffset now)
    {
        var s = Get(key, now);
        s.LastWarnedAt = now;
        s.Warned++;
    }

    public void Suppressed(SightingKey key, string why, DateTimeOffset now)
    {
        var s = Get(key, now);
        s.Suppressed++;
        s.LastSuppression = why;
    }

    /// <summary>Adds this run's counts to the stored sightings; returns how many were written.</summary>
    public async Task<int> SaveAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var changed = _states.Where(p => p.Value.Changed).ToList();
        if (changed.Count == 0) return 0;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
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
            foreach (var (key, s) in changed)
            {
                p[0].Value = key.OrganisationText;
                p[1].Value = key.AssetText;
                p[2].Value = key.Issue;
                p[3].Value = Time.ConvertToProvider(s.SeenAt)!;
                p[4].Value = s.Warned > 0 ? Time.ConvertToProvider(s.LastWarnedAt!.Value)! : DBNull.Value;
                p[5].Value = s.Warned;
                p[6].Value = s.Suppressed;
                p[7].Value = (object?)s.LastSuppression ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellationToken);
                s.Warned = s.Suppressed = 0;
                s.Changed = false;
            }
            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return changed.Count;
    }

    private State Get(SightingKey key, DateTimeOffset now)
    {
        if (!_states.TryGetValue(key, out var s)) _states[key] = s = new State();
        s.SeenAt = now;
        s.Changed = true;
        return s;
    }

    private sealed class State
    {
        public DateTimeOffset? LastWarnedAt { get; set; }
        public DateTimeOffset SeenAt { get; set; }
        public int Warned { get; set; }
        public int Suppressed { get; set; }
        public string? LastSuppression { get; set; }
        public bool Changed { get; set; }
    }
}

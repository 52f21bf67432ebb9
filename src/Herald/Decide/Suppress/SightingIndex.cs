using System.Data.Common;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Decide.Suppress;

/// <summary>
/// What was warned about recently, by organisation, asset and issue, kept in memory while a report is decided
/// (so a duplicate inside one report is caught too); what changed is taken per batch and stored with its events.
/// </summary>
public sealed class SightingIndex
{
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    private readonly Dictionary<SightingKey, State> _states = [];

    // The keys changed since the last TakeChanges, so that taking them costs what changed, not every sighting known.
    private readonly List<SightingKey> _changed = [];

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

    /// <summary>
    /// The counts gathered since the last call, and starts counting afresh: stored with the events they belong to
    /// (in the same transaction), a report read again after a crash counts each row once.
    /// </summary>
    public IReadOnlyList<SightingChange> TakeChanges()
    {
        var changes = new List<SightingChange>(_changed.Count);
        foreach (var key in _changed)
        {
            var s = _states[key];
            changes.Add(new SightingChange(key, s.SeenAt, s.Warned > 0 ? s.LastWarnedAt : null, s.Warned, s.Suppressed, s.LastSuppression));
            s.Warned = s.Suppressed = 0;
            s.Changed = false;
        }
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

    private State Get(SightingKey key, DateTimeOffset now)
    {
        if (!_states.TryGetValue(key, out var s)) _states[key] = s = new State();
        s.SeenAt = now;
        if (!s.Changed) _changed.Add(key);
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

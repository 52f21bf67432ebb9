using System.Reflection;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Storage;

/// <summary>
/// Databases the real Herald made before it used migrations (schema versions 3 and 4, tests/data/databases) are
/// upgraded in place at start, keeping every row.
/// </summary>
public sealed class LegacyUpgradeTests
{
    private const string Initial = "20261208015518_Initial";

    public static TheoryData<string, int> Fixtures => new() { { "herald-v3.db", 3 }, { "herald-v4.db", 4 } };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task An_old_database_keeps_every_row_of_every_table(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture);
        var before = SqliteFile.RowCounts(legacy.Path);
        Assert.Equal(version, SqliteFile.Scalar(legacy.Path, "PRAGMA user_version"));

        var upgrade = await legacy.Database.InitialiseAsync(CancellationToken.None);

        Assert.Equal(version, upgrade.ConvertedFromVersion);
        Assert.False(upgrade.Created);
        Assert.Empty(upgrade.AppliedMigrations);
        var after = SqliteFile.RowCounts(legacy.Path);
        foreach (var (table, rows) in before)
            Assert.True(after.TryGetValue(table, out var kept) && kept == rows, $"{table}: {rows} rows before, {kept} after");
        Assert.Equal([Initial], SqliteFile.Strings(legacy.Path, "SELECT MigrationId FROM __EFMigrationsHistory"));
        Assert.Equal(5, SqliteFile.Scalar(legacy.Path, "PRAGMA user_version"));
        Assert.Equal("ok", SqliteFile.Strings(legacy.Path, "PRAGMA integrity_check").Single());
        Assert.Empty(SqliteFile.Strings(legacy.Path, "PRAGMA foreign_key_check"));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Every_table_of_an_upgraded_database_reads_through_the_model(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture);
        var before = SqliteFile.RowCounts(legacy.Path);
        var attached = SqliteFile.Strings(legacy.Path, version == 3
            ? "SELECT Id FROM Notifications WHERE AssetsCsv IS NOT NULL ORDER BY Id"
            : "SELECT Id FROM Notifications WHERE AssetsAttached ORDER BY Id");
        // Version 3 had no CasesObservedAt: its builds observed a report's cases when they parsed it.
        var observedAt = SqliteFile.Strings(legacy.Path, version == 3
            ? "SELECT ParsedAt FROM Reports ORDER BY Id"
            : "SELECT CasesObservedAt FROM Reports ORDER BY Id");

        await legacy.Database.InitialiseAsync(CancellationToken.None);

        await using var db = legacy.Database.Open();
        var read = 0;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            var load = typeof(LegacyUpgradeTests).GetMethod(nameof(LoadAllAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entity.ClrType);
            var rows = await (Task<int>)load.Invoke(null, [db])!;
            Assert.Equal(before.GetValueOrDefault(entity.GetTableName()!), rows);
            read += rows;
        }
        Assert.True(read > 400, $"only {read} rows read");

        // What the old files held is still there in the model's terms.
        var notifications = await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(attached, notifications.Where(n => n.AssetsAttached).Select(n => n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(attached);
        // Every report was parsed and its cases observed: nothing is left for resume to observe twice.
        var reports = await db.Reports.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.All(reports, r => Assert.Equal((ReportStatus.Parsed, true), (r.Status, r.CasesObservedAt is not null)));
        Assert.Equal(observedAt, SqliteFile.Strings(legacy.Path, "SELECT CasesObservedAt FROM Reports ORDER BY Id"));
        var events = await db.Events.AsNoTracking().Where(e => e.ReportId == reports[0].Id).ToListAsync();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.Json)));
        Assert.NotEmpty(await db.Cases.AsNoTracking().Where(c => c.Status == Herald.Cases.CaseStatus.Open).ToListAsync());
        Assert.NotEmpty(await db.DeliveryAttempts.AsNoTracking().Where(a => a.Succeeded).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task An_upgraded_database_has_the_schema_of_a_new_one(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture);
        using var fresh = new TempDirectory();
        var created = new HeraldDatabase(StorageOptions.ForDataDirectory(fresh.Path));
        Assert.Equal(version == 3, !SqliteFile.Schema(legacy.Path).Contains("table PartnerForwards AUTOINCREMENT"));

        await legacy.Database.InitialiseAsync(CancellationToken.None);
        Assert.True((await created.InitialiseAsync(CancellationToken.None)).Created);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var expected = SqliteFile.Schema(Path.Combine(fresh.Path, StorageOptions.DatabaseFileName));
        Assert.Contains(expected, line => line.StartsWith("table PartnerForwards", StringComparison.Ordinal));
        Assert.Equal(expected, SqliteFile.Schema(legacy.Path));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_copy_of_the_database_as_it_was_is_kept_beside_it(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture);
        var rows = SqliteFile.RowCounts(legacy.Path);
        var schema = SqliteFile.Schema(legacy.Path);

        var upgrade = await legacy.Database.InitialiseAsync(CancellationToken.None);

        var backup = $"{legacy.Path}.before-{Initial}.bak";
        Assert.Equal(backup, upgrade.BackupPath);
        Assert.Contains(backup, upgrade.Summary, StringComparison.Ordinal);
        Assert.Contains($"schema version {version}", upgrade.Summary, StringComparison.Ordinal);
        Assert.Equal(rows, SqliteFile.RowCounts(backup));
        Assert.Equal(schema, SqliteFile.Schema(backup));
        Assert.Equal(version, SqliteFile.Scalar(backup, "PRAGMA user_version"));
        Assert.Equal(["herald.db", $"herald.db.before-{Initial}.bak", "herald.db.upgrade.lock"], legacy.Files());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task No_copy_is_kept_when_backups_are_off(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture, backupBeforeUpgrade: false);

        var upgrade = await legacy.Database.InitialiseAsync(CancellationToken.None);

        Assert.Equal(version, upgrade.ConvertedFromVersion);
        Assert.Null(upgrade.BackupPath);
        Assert.Equal(["herald.db", "herald.db.upgrade.lock"], legacy.Files());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_second_start_changes_nothing(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture);
        Assert.Equal(version, (await legacy.Database.InitialiseAsync(CancellationToken.None)).ConvertedFromVersion);
        var files = legacy.Files();
        var hash = SqliteFile.Hash(legacy.Path);

        var again = await new HeraldDatabase(legacy.Database.Options).InitialiseAsync(CancellationToken.None);

        Assert.Same(DatabaseUpgrade.None, again);
        Assert.Null(again.Summary);
        Assert.Equal(files, legacy.Files());
        Assert.Equal(hash, SqliteFile.Hash(legacy.Path));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task The_copy_put_back_in_place_of_the_database_is_upgraded_again(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture);
        var rows = SqliteFile.RowCounts(legacy.Path);
        var backup = (await legacy.Database.InitialiseAsync(CancellationToken.None)).BackupPath!;
        legacy.Files();
        File.Copy(backup, legacy.Path, overwrite: true);
        // VACUUM INTO writes a rollback-journal file, not a WAL one.
        Assert.Equal("delete", SqliteFile.Strings(legacy.Path, "PRAGMA journal_mode").Single());

        var upgrade = await new HeraldDatabase(legacy.Database.Options).InitialiseAsync(CancellationToken.None);

        Assert.Equal(version, upgrade.ConvertedFromVersion);
        Assert.Equal($"{legacy.Path}.before-{Initial}-2.bak", upgrade.BackupPath);
        Assert.All(rows, r => Assert.Equal(r.Value, SqliteFile.RowCounts(legacy.Path)[r.Key]));
        Assert.Equal("wal", SqliteFile.Strings(legacy.Path, "PRAGMA journal_mode").Single());
    }

    [Fact]
    public async Task A_version_4_database_from_before_the_later_version_4_changes_is_upgraded_too()
    {
        // As partner forwarding (8b101ba) left it: version 3 and the PartnerForwards table; the rest came later as 4.
        using var legacy = new LegacyDatabase("herald-v3.db");
        SqliteFile.Execute(legacy.Path, Herald.Storage.Migrations.SqliteLegacySchema.Steps[0].Sql + "PRAGMA user_version = 4;");
        var rows = SqliteFile.RowCounts(legacy.Path);
        using var fresh = new TempDirectory();
        await new HeraldDatabase(StorageOptions.ForDataDirectory(fresh.Path)).InitialiseAsync(CancellationToken.None);

        Assert.Equal(4, (await legacy.Database.InitialiseAsync(CancellationToken.None)).ConvertedFromVersion);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(SqliteFile.Schema(Path.Combine(fresh.Path, StorageOptions.DatabaseFileName)), SqliteFile.Schema(legacy.Path));
        Assert.All(rows, r => Assert.Equal(r.Value, SqliteFile.RowCounts(legacy.Path)[r.Key]));
    }

    private static async Task<int> LoadAllAsync<T>(HeraldDb db) where T : class => (await db.Set<T>().AsNoTracking().ToListAsync()).Count;
}

using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Storage;

/// <summary>A new database is made by the migrations, and the migrations keep up with the model.</summary>
public sealed class NewDatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private string DatabasePath => Path.Combine(_directory.Path, StorageOptions.DatabaseFileName);

    private HeraldDatabase NewDatabase() => new(StorageOptions.ForDataDirectory(_directory.Path));

    [Fact]
    public async Task A_new_database_is_made_by_the_migrations_and_needs_no_copy()
    {
        var database = NewDatabase();

        var upgrade = await database.InitialiseAsync(CancellationToken.None);

        Assert.True(upgrade.Created);
        Assert.Null(upgrade.BackupPath);
        Assert.Null(upgrade.Summary);
        await using var db = database.Open();
        Assert.Equal(db.Database.GetMigrations(), upgrade.AppliedMigrations);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(5, SqliteFile.Scalar(DatabasePath, "PRAGMA user_version"));
        Assert.Equal("wal", SqliteFile.Strings(DatabasePath, "PRAGMA journal_mode").Single());
    }

    [Fact]
    public async Task An_empty_file_is_taken_for_a_new_database()
    {
        await File.WriteAllBytesAsync(DatabasePath, []);

        Assert.True((await NewDatabase().InitialiseAsync(CancellationToken.None)).Created);

        await using var db = NewDatabase().Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("wal", SqliteFile.Strings(DatabasePath, "PRAGMA journal_mode").Single());
    }

    [Fact]
    public async Task The_model_has_no_change_that_a_migration_does_not_make()
    {
        // Failing? Run scripts/add-migration.sh <Name> for the model change and commit what it writes.
        await using var db = NewDatabase().Open();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Starts_that_find_the_schema_up_to_date_only_read()
    {
        await NewDatabase().InitialiseAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();
        var hash = SqliteFile.Hash(DatabasePath);

        Assert.Same(DatabaseUpgrade.None, await NewDatabase().InitialiseAsync(CancellationToken.None));

        SqliteConnection.ClearAllPools();
        Assert.Equal(hash, SqliteFile.Hash(DatabasePath));
    }

    [Fact]
    public async Task Starts_at_once_on_one_new_file_all_succeed_and_migrate_it_once()
    {
        var starts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => NewDatabase().InitialiseAsync(CancellationToken.None)));

        var upgrades = await Task.WhenAll(starts);

        Assert.Single(upgrades, u => u.Created);
        await using var db = NewDatabase().Open();
        Assert.Equal(db.Database.GetMigrations(), SqliteFile.Strings(DatabasePath, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId"));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Reports.CountAsync());
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_Herald_that_was_killed_does_not_hold_up_the_next_start()
    {
        await NewDatabase().InitialiseAsync(CancellationToken.None);
        // As a process killed while migrating leaves it: EF's lock row taken, and the start not finished.
        SqliteFile.Execute(DatabasePath, """
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 00:00:00+00:00');
            PRAGMA user_version = 0;
            """);

        await NewDatabase().InitialiseAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, SqliteFile.Scalar(DatabasePath, "SELECT COUNT(*) FROM __EFMigrationsLock"));
        Assert.Equal(5, SqliteFile.Scalar(DatabasePath, "PRAGMA user_version"));
    }
}

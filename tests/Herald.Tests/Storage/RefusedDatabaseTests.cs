using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Storage;

/// <summary>A database this build cannot vouch for is refused with a message the operator can act on, and left as it was.</summary>
public sealed class RefusedDatabaseTests
{
    [Fact]
    public async Task A_database_from_a_newer_Herald_is_refused_with_the_migration_this_one_does_not_know()
    {
        using var legacy = new LegacyDatabase("herald-v4.db");
        await legacy.Database.InitialiseAsync(CancellationToken.None);
        SqliteFile.Execute(legacy.Path, """INSERT INTO "__EFMigrationsHistory" VALUES ('29991231000000_FromTheFuture', '99.0.0')""");
        var (files, hash) = (legacy.Files(), SqliteFile.Hash(legacy.Path));

        var refused = await Assert.ThrowsAsync<UserException>(() => new HeraldDatabase(legacy.Database.Options).InitialiseAsync(CancellationToken.None));

        Assert.Contains("newer Herald", refused.Message, StringComparison.Ordinal);
        Assert.Contains("29991231000000_FromTheFuture", refused.Message, StringComparison.Ordinal);
        AssertUntouched(legacy, files, hash);
    }

    [Fact]
    public async Task A_database_older_than_schema_version_3_is_refused()
    {
        using var legacy = new LegacyDatabase("herald-v3.db");
        SqliteFile.Execute(legacy.Path, "PRAGMA user_version = 2");
        var (files, hash) = (legacy.Files(), SqliteFile.Hash(legacy.Path));

        var refused = await Assert.ThrowsAsync<UserException>(() => legacy.Database.InitialiseAsync(CancellationToken.None));

        Assert.Contains("schema version 2, older than this Herald can upgrade", refused.Message, StringComparison.Ordinal);
        AssertUntouched(legacy, files, hash);
    }

    [Fact]
    public async Task A_database_whose_tables_are_not_those_of_its_version_is_refused_with_the_difference()
    {
        using var legacy = new LegacyDatabase("herald-v4.db");
        SqliteFile.Execute(legacy.Path, """ALTER TABLE "Cases" ADD "Colour" TEXT NULL""");
        var (files, hash) = (legacy.Files(), SqliteFile.Hash(legacy.Path));

        var refused = await Assert.ThrowsAsync<UserException>(() => legacy.Database.InitialiseAsync(CancellationToken.None));

        Assert.Contains("schema version 4 but tables that version did not make", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Colour", refused.Message, StringComparison.Ordinal);
        AssertUntouched(legacy, files, hash);
    }

    [Fact]
    public async Task A_database_with_tables_but_no_schema_version_is_refused()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, StorageOptions.DatabaseFileName);
        SqliteFile.Execute(path, "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Text TEXT)");
        var hash = SqliteFile.Hash(path);

        var refused = await Assert.ThrowsAsync<UserException>(() =>
            new HeraldDatabase(StorageOptions.ForDataDirectory(directory.Path)).InitialiseAsync(CancellationToken.None));

        Assert.Contains("neither a migration history nor a schema version", refused.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(hash, SqliteFile.Hash(path));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, StorageOptions.DatabaseFileName);
        await File.WriteAllTextAsync(path, "not a database, but long enough to have a header of a hundred bytes or so: ".PadRight(4096, '.'));

        var refused = await Assert.ThrowsAsync<UserException>(() =>
            new HeraldDatabase(StorageOptions.ForDataDirectory(directory.Path)).InitialiseAsync(CancellationToken.None));

        Assert.Contains("is not a SQLite database", refused.Message, StringComparison.Ordinal);
    }

    private static void AssertUntouched(LegacyDatabase legacy, List<string> files, string hash)
    {
        Assert.Equal(files, legacy.Files());
        Assert.Equal(hash, SqliteFile.Hash(legacy.Path));
    }
}

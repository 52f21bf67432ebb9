using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Storage;

/// <summary>A temporary copy of a database an older Herald made (tests/data/databases), to upgrade in place.</summary>
internal sealed class LegacyDatabase : IDisposable
{
    private readonly TempDirectory _directory = new();

    public LegacyDatabase(string fixture, bool backupBeforeUpgrade = true)
    {
        File.Copy(FixturePath(fixture), Path);
        Database = new HeraldDatabase(StorageOptions.ForDataDirectory(_directory.Path) with { BackupBeforeUpgrade = backupBeforeUpgrade });
    }

    public string Directory => _directory.Path;

    public string Path => System.IO.Path.Combine(_directory.Path, StorageOptions.DatabaseFileName);

    public HeraldDatabase Database { get; }

    /// <summary>The files beside the database (its pooled connections let go first, so SQLite's own come and go).</summary>
    public List<string> Files()
    {
        SqliteConnection.ClearAllPools();
        return [.. System.IO.Directory.GetFiles(_directory.Path).Select(f => System.IO.Path.GetFileName(f)!).Order(StringComparer.Ordinal)];
    }

    public static string FixturePath(string fixture) =>
        System.IO.Path.Combine(TestData.RepositoryRoot ?? throw new InvalidOperationException("the tests run outside the repository"),
            "tests", "data", "databases", fixture);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

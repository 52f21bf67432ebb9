using Herald.Storage;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Support;

/// <summary>A real SQLite database, created and migrated, in a directory of one test's own.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    private TempDatabase() => Database = new HeraldDatabase(StorageOptions.ForDataDirectory(_directory.Path));

    public string Path => _directory.Path;

    public HeraldDatabase Database { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var temp = new TempDatabase();
        await temp.Database.InitialiseAsync(CancellationToken.None);
        return temp;
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections hold the file open; let them go before the directory does.
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

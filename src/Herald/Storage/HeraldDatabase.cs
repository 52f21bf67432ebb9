using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace Herald.Storage;

/// <summary>Opens Herald's database with the configured provider, and brings its schema up to date at start.</summary>
public sealed class HeraldDatabase(StorageOptions options)
{
    public StorageOptions Options { get; } = options;

    public HeraldDb Open()
    {
        var builder = new DbContextOptionsBuilder<HeraldDb>();
        switch (Options.Provider.ToLowerInvariant())
        {
            case "sqlite":
                builder.UseSqlite(Options.ConnectionString).AddInterceptors(SqlitePragmas.Instance);
                break;
            default:
                throw new InvalidOperationException($"Storage provider '{Options.Provider}' is not supported; use 'sqlite'.");
        }
        return new HeraldDb(builder.Options);
    }

    /// <summary>
    /// Creates the database through the migrations, or brings an existing one to this build's schema: a file made before
    /// Herald used migrations is converted in place, pending migrations are applied after a copy of the file is kept
    /// (<see cref="StorageOptions.BackupBeforeUpgrade"/>). Safe when several Herald processes start at once.
    /// </summary>
    /// <exception cref="UserException">The database is from a newer Herald, too old, or not one Herald knows; it is left as it was.</exception>
    public Task<DatabaseUpgrade> InitialiseAsync(CancellationToken cancellationToken) => Options.Provider.ToLowerInvariant() switch
    {
        "sqlite" => new Migrations.SqliteUpgrade(this).RunAsync(cancellationToken),
        _ => throw new InvalidOperationException($"Storage provider '{Options.Provider}' is not supported; use 'sqlite'."),
    };

    /// <summary>
    /// Per-connection SQLite settings: write-ahead log, fewer fsyncs, waiting on locks instead of failing, a 16 MiB page
    /// cache (bulk inserts append at the right edge of each index, so more buys little and costs memory). The soft heap
    /// limit is SQLite's for the whole process: past it, connections recycle cached pages and sorts spill to temporary
    /// files, so eight connections delivering at once (each with its cache, some sorting a forward's cases) stay
    /// within 48 MiB together instead of 16 MiB or more each.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private const string Settings = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-16384; PRAGMA soft_heap_limit=50331648; PRAGMA foreign_keys=ON;";

        private static void Apply(DbConnection connection)
        {
            if (connection is not SqliteConnection sqlite) return;
            using var command = connection.CreateCommand();
            // EF looks whether the file exists through a read-only connection, which cannot switch a file that is not in
            // WAL yet (an empty one, a copy put back) and fails if asked to: the next connection that writes does it.
            command.CommandText = new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly
                ? Settings
                : "PRAGMA journal_mode=WAL; " + Settings;
            command.ExecuteNonQuery();
        }
    }
}

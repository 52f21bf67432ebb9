using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace Herald.Storage;

/// <summary>Opens Herald's database with the configured provider, and creates it at first start.</summary>
public sealed class HeraldDatabase(StorageOptions options)
{
    /// <summary>Bumped whenever the schema changes; an older file is refused with a clear message.</summary>
    public const int SchemaVersion = 4;

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

    /// <summary>Creates the schema on first start and checks its version on every start.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await using var db = Open();
        var created = await db.Database.EnsureCreatedAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (created)
        {
            command.CommandText = $"PRAGMA user_version = {SchemaVersion}";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version != SchemaVersion)
            throw new InvalidOperationException(
                $"The database has schema version {version}, this Herald needs {SchemaVersion}. Use a new data directory or upgrade the file.");
    }

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

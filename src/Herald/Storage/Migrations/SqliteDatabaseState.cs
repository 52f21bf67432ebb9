using Microsoft.Data.Sqlite;

namespace Herald.Storage.Migrations;

/// <summary>What an existing SQLite file holds, read without changing it.</summary>
/// <param name="UserVersion">
/// <c>PRAGMA user_version</c>: the schema version Herald stamped before it used migrations (3, 4), or
/// <see cref="SqliteLegacySchema.MigratedVersion"/> once migrations keep the schema.
/// </param>
/// <param name="Tables">Every table but SQLite's own.</param>
/// <param name="AppliedMigrations">The rows of EF's history table in order; null when the file has none.</param>
internal sealed record SqliteDatabaseState(int UserVersion, IReadOnlyList<string> Tables, IReadOnlyList<string>? AppliedMigrations)
{
    public const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>No table at all: a new file (SQLite makes an empty one when it is first opened).</summary>
    public bool IsEmpty => Tables.Count == 0;

    /// <exception cref="UserException">The file is not a SQLite database.</exception>
    public static async Task<SqliteDatabaseState> ReadAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        try
        {
            var userVersion = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            var tables = await ListAsync(connection, @"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name", cancellationToken);
            var applied = tables.Contains(HistoryTable, StringComparer.Ordinal)
                ? await ListAsync(connection, $"SELECT \"MigrationId\" FROM \"{HistoryTable}\" ORDER BY \"MigrationId\"", cancellationToken)
                : null;
            return new SqliteDatabaseState(userVersion, tables, applied);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26) // SQLITE_NOTADB
        {
            throw new UserException($"{path} is not a SQLite database, so Herald cannot use it as its database.", e);
        }
    }

    /// <summary>Whether any table holds a row (EF's own tables aside): a file worth a copy before it changes.</summary>
    public async Task<bool> HoldsDataAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            if (table.StartsWith("__EF", StringComparison.Ordinal)) continue;
            if (Convert.ToInt64(await ScalarAsync(connection, $"SELECT EXISTS (SELECT 1 FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\")", cancellationToken),
                    System.Globalization.CultureInfo.InvariantCulture) != 0)
                return true;
        }
        return false;
    }

    internal static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }
}

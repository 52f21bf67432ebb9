using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage.Migrations;

/// <summary>
/// Brings Herald's SQLite file to this build's schema at start. A new file is made by the migrations; a file made
/// before migrations (schema version 3 or 4) is converted in place and recorded at the baseline; pending migrations are
/// applied after a copy of the file is kept; a file from a newer Herald, an older one or an unknown one is refused and
/// left as it was. Starts that find nothing to do only read; the others take turns through <see cref="UpgradeLock"/>.
/// </summary>
internal sealed class SqliteUpgrade(HeraldDatabase database)
{
    public async Task<DatabaseUpgrade> RunAsync(CancellationToken cancellationToken)
    {
        var settings = new SqliteConnectionStringBuilder(database.Options.ConnectionString);
        if (settings.Mode == SqliteOpenMode.Memory || settings.DataSource is "" or ":memory:")
            return await MigrateAsync(new DatabaseUpgrade { Created = true }, cancellationToken);

        var path = Path.GetFullPath(settings.DataSource);
        // Its own connections are not pooled (closing one lets the file go) and set none of Herald's pragmas: nothing
        // about the file changes before it is known what the file is.
        var plain = new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString;
        IReadOnlyList<string> known;
        await using (var db = database.Open())
            known = [.. db.Database.GetMigrations()];

        if (File.Exists(path))
        {
            // Refusals come before the lock too, so a refused file gets nothing beside it.
            await using var connection = new SqliteConnection(plain);
            await connection.OpenAsync(cancellationToken);
            var state = await SqliteDatabaseState.ReadAsync(connection, path, cancellationToken);
            if (state.AppliedMigrations is { } applied)
            {
                if (Pending(applied, known, path).Count == 0 && state.UserVersion == SqliteLegacySchema.MigratedVersion) return DatabaseUpgrade.None;
            }
            else if (!state.IsEmpty)
            {
                await SqliteLegacySchema.CheckAsync(connection, state, await BaselineAsync(cancellationToken), path, cancellationToken);
            }
        }

        using var upgradeLock = await UpgradeLock.AcquireAsync(path + ".upgrade.lock", cancellationToken);
        var upgrade = await PrepareAsync(plain, path, known, cancellationToken);
        // EF migrates on connections of its own (and makes a new file): this one is closed by then, not to stand in
        // the way of the first one switching the file to WAL.
        upgrade = await MigrateAsync(upgrade, cancellationToken);
        await using (var connection = new SqliteConnection(plain))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteLegacySchema.MigratedVersion}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return upgrade;
    }

    /// <summary>
    /// Under the lock, what is to be done is looked at again (another process may have done it meanwhile): a file made
    /// before migrations is converted, a copy is kept before pending migrations, and a stale EF lock is let go.
    /// </summary>
    private async Task<DatabaseUpgrade> PrepareAsync(string plain, string path, IReadOnlyList<string> known, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return new DatabaseUpgrade { Created = true };
        await using var connection = new SqliteConnection(plain);
        await connection.OpenAsync(cancellationToken);
        var state = await SqliteDatabaseState.ReadAsync(connection, path, cancellationToken);
        var upgrade = DatabaseUpgrade.None;
        if (state.IsEmpty)
        {
            upgrade = new DatabaseUpgrade { Created = true };
        }
        else if (state.AppliedMigrations is null)
        {
            var baseline = await BaselineAsync(cancellationToken);
            await SqliteLegacySchema.CheckAsync(connection, state, baseline, path, cancellationToken);
            var backup = await BackupAsync(connection, state, path, baseline.MigrationId, cancellationToken);
            if (await SqliteLegacySchema.ConvertAsync(connection, state.UserVersion, baseline, path, cancellationToken))
                upgrade = new DatabaseUpgrade { ConvertedFromVersion = state.UserVersion, BackupPath = backup };
        }
        else if (Pending(state.AppliedMigrations, known, path) is [var first, ..])
        {
            upgrade = new DatabaseUpgrade { BackupPath = await BackupAsync(connection, state, path, first, cancellationToken) };
        }

        // Every Herald that migrates holds the upgrade lock, so a row in EF's lock table now was left by one that
        // stopped while migrating (its migration was rolled back with its transaction); EF would wait for it forever.
        if (state.Tables.Contains(SqliteLayout.MigrationsLockTable, StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM \"{SqliteLayout.MigrationsLockTable}\"";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return upgrade;
    }

    private async Task<SqliteBaseline> BaselineAsync(CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        return await SqliteBaseline.CreateAsync(db, cancellationToken);
    }

    /// <summary>Applies what is pending through EF (which also creates a new file), and says which migrations that was.</summary>
    private async Task<DatabaseUpgrade> MigrateAsync(DatabaseUpgrade upgrade, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending.Count == 0 ? upgrade : upgrade with { AppliedMigrations = pending };
    }

    /// <summary>The migrations this build has and the file has not, in order.</summary>
    /// <exception cref="UserException">The file has a migration this build does not know: a newer Herald made it.</exception>
    private static List<string> Pending(IReadOnlyList<string> applied, IReadOnlyList<string> known, string path)
    {
        if (applied.FirstOrDefault(id => !known.Contains(id, StringComparer.Ordinal)) is { } unknown)
            throw new UserException($"The database {path} was upgraded by a newer Herald (it has migration {unknown}, which this one does " +
                "not know), so it was left as it was: run that Herald or a newer one.");
        return [.. known.Where(id => !applied.Contains(id, StringComparer.Ordinal))];
    }

    /// <summary>
    /// A copy of a file that holds data, made with VACUUM INTO beside it before its schema changes; null when it holds
    /// none or <see cref="StorageOptions.BackupBeforeUpgrade"/> is off. Written under a temporary name, so a copy that
    /// was cut short is never taken for a whole one.
    /// </summary>
    private async Task<string?> BackupAsync(SqliteConnection connection, SqliteDatabaseState state, string path, string migration,
        CancellationToken cancellationToken)
    {
        if (!database.Options.BackupBeforeUpgrade || !await state.HoldsDataAsync(connection, cancellationToken)) return null;
        var backup = $"{path}.before-{migration}.bak";
        for (var n = 2; File.Exists(backup); n++) backup = $"{path}.before-{migration}-{n}.bak";
        var partial = backup + ".partial";
        File.Delete(partial);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", partial);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        File.Move(partial, backup);
        return backup;
    }
}

using Microsoft.Data.Sqlite;

namespace Herald.Storage.Migrations;

/// <summary>
/// A SQLite database's schema as comparable lines: tables (and whether they use AUTOINCREMENT), their columns in order
/// with type, nullability, default and key, foreign keys, and indexes with their columns, uniqueness and filter. It is
/// read from SQLite's pragmas rather than the stored CREATE statements, whose wording differs between a table EF's
/// EnsureCreated made, one a migration made and one rebuilt under another name.
/// </summary>
internal static class SqliteLayout
{
    /// <summary>EF's migration lock is made on demand by whoever migrates first: not part of a schema.</summary>
    public const string MigrationsLockTable = "__EFMigrationsLock";

    public static async Task<IReadOnlyList<string>> ReadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var tables = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> $lock ORDER BY name
                """;
            command.Parameters.AddWithValue("$lock", MigrationsLockTable);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) tables.Add((reader.GetString(0), reader.GetString(1)));
        }

        var lines = new List<string>();
        foreach (var (table, sql) in tables)
        {
            var autoincrement = sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? " autoincrement" : "";
            lines.Add($"table {table}{autoincrement}");
            await AddRowsAsync(connection, lines, table, """
                SELECT '  column ' || name || ' ' || type || (CASE WHEN "notnull" THEN ' not null' ELSE ' null' END)
                    || ' default ' || COALESCE(dflt_value, '-') || ' pk ' || pk
                FROM pragma_table_info($table) ORDER BY cid
                """, cancellationToken);
            await AddRowsAsync(connection, lines, table, """
                SELECT '  foreign key ' || "from" || ' -> ' || "table" || '.' || COALESCE("to", '?')
                    || ' on update ' || on_update || ' on delete ' || on_delete
                FROM pragma_foreign_key_list($table) ORDER BY id, seq
                """, cancellationToken);
            // The filter of a partial index is only in its CREATE statement: the text after WHERE.
            await AddRowsAsync(connection, lines, table, """
                SELECT '  index ' || l.name || (CASE WHEN l."unique" THEN ' unique' ELSE '' END) || ' (' || l.origin || ') on '
                    || (SELECT group_concat(COALESCE(i.name, '<expression>'), ', ') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno) i)
                    || (CASE WHEN l.partial THEN ' where ' || trim(substr(m.sql, instr(upper(m.sql), ' WHERE ') + 7)) ELSE '' END)
                FROM pragma_index_list($table) l LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name
                ORDER BY l.name
                """, cancellationToken);
        }
        return lines;
    }

    /// <summary>The first line where two layouts part, for a message; null when they are the same.</summary>
    public static string? FirstDifference(IReadOnlyList<string> actual, IReadOnlyList<string> expected)
    {
        for (var i = 0; i < Math.Max(actual.Count, expected.Count); i++)
        {
            var has = i < actual.Count ? actual[i].Trim() : "(nothing)";
            var wants = i < expected.Count ? expected[i].Trim() : "(nothing)";
            if (has != wants) return $"has '{has}' where '{wants}' was expected";
        }
        return null;
    }

    private static async Task AddRowsAsync(SqliteConnection connection, List<string> lines, string table, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(0));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Storage;

/// <summary>A SQLite file read as plain SQLite, without Herald or EF, to see what an upgrade did to it.</summary>
internal static class SqliteFile
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static List<string> Strings(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return values;
    }

    /// <summary>Rows per table, for every table in sqlite_master (SQLite's own included).</summary>
    public static SortedDictionary<string, long> RowCounts(string path)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Strings(path, "SELECT name FROM sqlite_master WHERE type = 'table'"))
            counts[table] = Scalar(path, $"SELECT COUNT(*) FROM \"{table}\"");
        return counts;
    }

    /// <summary>
    /// The schema as text: each table with its columns (type, nullability, default, key) and foreign keys, each index
    /// with its table, uniqueness, columns and filter. Tables come sorted by name, whatever order they were made in.
    /// </summary>
    public static List<string> Schema(string path)
    {
        var schema = new List<string>();
        foreach (var table in Strings(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            var autoincrement = Scalar(path, $"SELECT sql LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE name = '{table}'") == 1;
            schema.Add($"table {table}{(autoincrement ? " AUTOINCREMENT" : "")}");
            schema.AddRange(Strings(path,
                $"SELECT format('  %s %s %s default=%s pk=%d', name, type, CASE \"notnull\" WHEN 1 THEN 'NOT NULL' ELSE 'NULL' END, " +
                $"COALESCE(dflt_value, 'none'), pk) FROM pragma_table_info('{table}') ORDER BY cid"));
            schema.AddRange(Strings(path,
                $"SELECT format('  fk %s -> %s(%s) %s %s', \"from\", \"table\", \"to\", on_update, on_delete) FROM pragma_foreign_key_list('{table}') ORDER BY id, seq"));
        }
        foreach (var index in Strings(path, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"))
        {
            var columns = string.Join(", ", Strings(path, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno"));
            var sql = Strings(path, $"SELECT sql FROM sqlite_master WHERE name = '{index}'").Single();
            var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? sql[(at + 7)..].Trim() : "";
            var table = Strings(path, $"SELECT tbl_name FROM sqlite_master WHERE name = '{index}'").Single();
            var unique = Scalar(path, $"SELECT \"unique\" FROM pragma_index_list('{table}') WHERE name = '{index}'") == 1;
            schema.Add($"index {index} on {table}({columns}){(unique ? " unique" : "")}{(where.Length > 0 ? " where " + where : "")}");
        }
        return schema;
    }

    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}

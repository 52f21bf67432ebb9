using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Herald.Storage.Migrations;

/// <summary>
/// The first migration, which a database made before migrations is recorded at once its tables match it: its id, the
/// layout it makes and the SQL that records it as applied, all taken from EF so that they cannot drift from it.
/// </summary>
internal sealed record SqliteBaseline(string MigrationId, IReadOnlyList<string> Layout, string RecordSql)
{
    public static async Task<SqliteBaseline> CreateAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var id = typeof(Sqlite.Initial).GetCustomAttribute<MigrationAttribute>()!.Id;
        // The migration's own script (history table included), run on an empty database in memory, gives the layout.
        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: null, toMigration: id);
        await using var memory = new SqliteConnection("Data Source=:memory:");
        await memory.OpenAsync(cancellationToken);
        await using (var command = memory.CreateCommand())
        {
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var layout = await SqliteLayout.ReadAsync(memory, cancellationToken);
        var history = db.GetService<IHistoryRepository>();
        var record = history.GetCreateIfNotExistsScript() + history.GetInsertScript(new HistoryRow(id, ProductInfo.GetVersion()));
        return new SqliteBaseline(id, layout, record);
    }
}

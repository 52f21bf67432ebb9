using Microsoft.EntityFrameworkCore.Design;

namespace Herald.Storage.Migrations;

/// <summary>
/// The database <c>dotnet ef</c> (scripts/add-migration.sh) sees: opened exactly as Herald opens its SQLite file, so
/// the migrations it writes are those of the model Herald runs with. Adding a migration never opens the file.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<HeraldDb>
{
    public HeraldDb CreateDbContext(string[] args) =>
        new HeraldDatabase(new StorageOptions { ConnectionString = "Data Source=design-time.db" }).Open();
}

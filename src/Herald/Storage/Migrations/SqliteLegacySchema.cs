using Microsoft.Data.Sqlite;

namespace Herald.Storage.Migrations;

/// <summary>
/// Databases Herald made before it used migrations (<c>EnsureCreated</c>, a schema version in <c>PRAGMA user_version</c>):
/// version 3 and version 4 are brought to the baseline migration in place, in one transaction, and recorded at it.
/// </summary>
internal static class SqliteLegacySchema
{
    /// <summary>The oldest schema version that can be upgraded: the one before partner forwarding.</summary>
    public const int OldestVersion = 3;

    /// <summary>The last version stamped before migrations; its final layout is the baseline migration.</summary>
    public const int LastVersion = 4;

    /// <summary>
    /// The user_version of a database kept by migrations. Builds from before migrations accept exactly 4, so they refuse
    /// such a file with their own message instead of working on a schema they do not know.
    /// </summary>
    public const int MigratedVersion = 5;

    /// <summary>
    /// What the baseline has that version 3 lacks. Version 4 was stamped when PartnerForwards came (8b101ba); the other
    /// steps came later under the same number, so a version 4 file may need some of them too.
    /// </summary>
    internal static readonly IReadOnlyList<SqliteLegacyStep> Steps =
    [
        new("the PartnerForwards table",
            "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'PartnerForwards')",
            """
            CREATE TABLE "PartnerForwards" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_PartnerForwards" PRIMARY KEY AUTOINCREMENT,
                "NotificationId" INTEGER NOT NULL,
                "PartnerCode" TEXT NOT NULL,
                "Channel" TEXT NOT NULL,
                "Format" TEXT NOT NULL,
                "Endpoint" TEXT NULL,
                "CaseCount" INTEGER NOT NULL,
                "CaseKey" TEXT NOT NULL,
                "CreatedAt" INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX "IX_PartnerForwards_CaseKey" ON "PartnerForwards" ("CaseKey");
            CREATE UNIQUE INDEX "IX_PartnerForwards_NotificationId" ON "PartnerForwards" ("NotificationId");
            """),
        // The CSV itself is no longer stored (it is written from the events when the message is made): only whether
        // one is attached. SQLite cannot change a column in place, so the table is rebuilt as EF rebuilds one, and
        // its AUTOINCREMENT counter carried over so that the ids of deleted warnings are never handed out again.
        new("Notifications.AssetsAttached instead of AssetsCsv",
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('Notifications') WHERE name = 'AssetsCsv')",
            """
            CREATE TABLE "ef_temp_Notifications" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY AUTOINCREMENT,
                "Reference" TEXT NOT NULL,
                "VerificationCode" TEXT NOT NULL,
                "Route" TEXT NOT NULL,
                "RecipientEmail" TEXT NOT NULL,
                "RecipientName" TEXT NULL,
                "PartnerCode" TEXT NULL,
                "OrganisationId" INTEGER NULL,
                "Subject" TEXT NOT NULL,
                "BodyText" TEXT NOT NULL,
                "BodyHtml" TEXT NULL,
                "Languages" TEXT NOT NULL,
                "AssetsAttached" INTEGER NOT NULL,
                "AssetCount" INTEGER NOT NULL,
                "CreatedAt" INTEGER NOT NULL,
                "Status" TEXT NOT NULL,
                "DeliveredAt" INTEGER NULL,
                "MessageId" TEXT NOT NULL,
                "Attempts" INTEGER NOT NULL,
                "NextAttemptAt" INTEGER NULL,
                "LeaseOwner" TEXT NULL,
                "LeaseExpiresAt" INTEGER NULL,
                "FailureReason" TEXT NULL,
                "SoftBounces" INTEGER NOT NULL,
                "FollowUpOf" TEXT NULL
            );
            INSERT INTO "ef_temp_Notifications" ("Id", "Reference", "VerificationCode", "Route", "RecipientEmail",
                "RecipientName", "PartnerCode", "OrganisationId", "Subject", "BodyText", "BodyHtml", "Languages",
                "AssetsAttached", "AssetCount", "CreatedAt", "Status", "DeliveredAt", "MessageId", "Attempts",
                "NextAttemptAt", "LeaseOwner", "LeaseExpiresAt", "FailureReason", "SoftBounces", "FollowUpOf")
            SELECT "Id", "Reference", "VerificationCode", "Route", "RecipientEmail",
                "RecipientName", "PartnerCode", "OrganisationId", "Subject", "BodyText", "BodyHtml", "Languages",
                "AssetsCsv" IS NOT NULL, "AssetCount", "CreatedAt", "Status", "DeliveredAt", "MessageId", "Attempts",
                "NextAttemptAt", "LeaseOwner", "LeaseExpiresAt", "FailureReason", "SoftBounces", "FollowUpOf"
            FROM "Notifications";
            DELETE FROM sqlite_sequence WHERE name = 'ef_temp_Notifications';
            INSERT INTO sqlite_sequence (name, seq) SELECT 'ef_temp_Notifications', seq FROM sqlite_sequence WHERE name = 'Notifications';
            DROP TABLE "Notifications";
            ALTER TABLE "ef_temp_Notifications" RENAME TO "Notifications";
            CREATE UNIQUE INDEX "IX_Notifications_Reference" ON "Notifications" ("Reference");
            CREATE INDEX "IX_Notifications_Status" ON "Notifications" ("Status");
            """),
        // Builds without the column observed a report's cases right after parsing it, so a parsed report is done:
        // left null, every old report would be observed again (and its cases counted twice) by resume or serve.
        new("Reports.CasesObservedAt",
            "SELECT NOT EXISTS (SELECT 1 FROM pragma_table_info('Reports') WHERE name = 'CasesObservedAt')",
            """
            ALTER TABLE "Reports" ADD "CasesObservedAt" INTEGER NULL;
            UPDATE "Reports" SET "CasesObservedAt" = COALESCE("ParsedAt", "ReceivedAt") WHERE "Status" = 'Parsed';
            """),
        new("the index IX_Cases_Asset_Issue",
            "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'IX_Cases_Asset_Issue')",
            """
            CREATE INDEX "IX_Cases_Asset_Issue" ON "Cases" ("Asset", "Issue");
            """),
        new("the index IX_Directives_RecipientPhone_Template",
            "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'IX_Directives_RecipientPhone_Template')",
            """
            CREATE INDEX "IX_Directives_RecipientPhone_Template" ON "Directives" ("RecipientPhone", "Template") WHERE "RecipientPhone" IS NOT NULL;
            """),
    ];

    /// <summary>
    /// Whether the file is one this build converts: version 3 or 4 whose tables, once converted, are the baseline's.
    /// The conversion is tried on a copy of the schema in memory, so a file that fails is never touched.
    /// </summary>
    /// <exception cref="UserException">Another version, or tables that version did not make.</exception>
    public static async Task CheckAsync(SqliteConnection connection, SqliteDatabaseState state, SqliteBaseline baseline, string path,
        CancellationToken cancellationToken)
    {
        switch (state.UserVersion)
        {
            case OldestVersion or LastVersion:
                break;
            case > 0 and < OldestVersion:
                throw new UserException($"The database {path} has schema version {state.UserVersion}, older than this Herald can upgrade " +
                    $"(versions {OldestVersion} and {LastVersion}); keep it with the Herald that made it and give this one a new data directory.");
            default:
                throw new UserException($"The database {path} has tables but neither a migration history nor a schema version this Herald " +
                    $"knows (user_version {state.UserVersion}), so it was left as it was.");
        }

        await using var copy = new SqliteConnection("Data Source=:memory:");
        await copy.OpenAsync(cancellationToken);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = """
                SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid
                """;
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                await ExecuteAsync(copy, reader.GetString(0), cancellationToken);
        }
        await ConvertAsync(copy, state.UserVersion, baseline, path, cancellationToken);
    }

    /// <summary>
    /// Converts the file and records it at the baseline, all in one write transaction (taken at once, so no other
    /// writer comes between); false when another Herald did it first.
    /// </summary>
    /// <exception cref="UserException">The converted tables are not the baseline's; nothing is changed.</exception>
    public static async Task<bool> ConvertAsync(SqliteConnection connection, int version, SqliteBaseline baseline, string path,
        CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (Convert.ToInt64(await SqliteDatabaseState.ScalarAsync(connection,
                $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{SqliteDatabaseState.HistoryTable}')", cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture) != 0)
            return false;
        foreach (var step in Steps)
            if (Convert.ToInt64(await SqliteDatabaseState.ScalarAsync(connection, step.NeededWhen, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0)
                await ExecuteAsync(connection, step.Sql, cancellationToken);
        await ExecuteAsync(connection, baseline.RecordSql, cancellationToken);
        await ExecuteAsync(connection, $"PRAGMA user_version = {MigratedVersion}", cancellationToken);
        if (SqliteLayout.FirstDifference(await SqliteLayout.ReadAsync(connection, cancellationToken), baseline.Layout) is { } difference)
            throw new UserException($"The database {path} has schema version {version} but tables that version did not make " +
                $"({difference}), so it was left as it was.");
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

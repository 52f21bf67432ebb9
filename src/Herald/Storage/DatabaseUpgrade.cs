namespace Herald.Storage;

/// <summary>What <see cref="HeraldDatabase.InitialiseAsync"/> did to the database at start.</summary>
public sealed record DatabaseUpgrade
{
    /// <summary>The database already had this build's schema.</summary>
    public static DatabaseUpgrade None { get; } = new();

    /// <summary>The database was new and the migrations made it.</summary>
    public bool Created { get; init; }

    /// <summary>
    /// The schema version (<c>PRAGMA user_version</c>) of a database made before Herald used migrations and converted in
    /// place now; null when there was none.
    /// </summary>
    public int? ConvertedFromVersion { get; init; }

    /// <summary>The migrations applied now, in order (the baseline a converted database is recorded at is not one).</summary>
    public IReadOnlyList<string> AppliedMigrations { get; init; } = [];

    /// <summary>The copy of the database as it was before the upgrade; null when none was made.</summary>
    public string? BackupPath { get; init; }

    /// <summary>One line for the operator when an existing database was changed; null when nothing worth telling happened.</summary>
    public string? Summary
    {
        get
        {
            if (Created || (ConvertedFromVersion is null && AppliedMigrations.Count == 0)) return null;
            var what = ConvertedFromVersion is { } version
                ? $"Upgraded the database from schema version {version}"
                : "Upgraded the database";
            if (AppliedMigrations.Count > 0) what += $" (migrations {string.Join(", ", AppliedMigrations)})";
            return BackupPath is null ? what + "." : $"{what}; the file as it was is kept at {BackupPath}.";
        }
    }
}

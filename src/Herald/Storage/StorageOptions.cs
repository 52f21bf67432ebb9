namespace Herald.Storage;

/// <summary>Where Herald keeps its data.</summary>
public sealed record StorageOptions
{
    /// <summary>"sqlite" (the embedded default); "postgresql" is planned.</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>For SQLite, a full connection string; null for <c>herald.db</c> in the data directory.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// Whether a copy of a database that holds data is kept beside it (<c>herald.db.before-&lt;migration&gt;.bak</c>)
    /// before Herald upgrades its schema at start.
    /// </summary>
    public bool BackupBeforeUpgrade { get; init; } = true;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (!string.Equals(Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            yield return ("Storage:Provider", $"'{Provider}' is not a storage provider Herald has; use sqlite");
    }

    /// <summary>The SQLite file's name inside a data directory.</summary>
    public const string DatabaseFileName = "herald.db";

    public static StorageOptions ForDataDirectory(string dataDirectory) => new StorageOptions().In(dataDirectory);

    /// <summary>These options with the data directory's database when no connection string is set.</summary>
    public StorageOptions In(string dataDirectory) =>
        this with { ConnectionString = ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, DatabaseFileName)};Pooling=True" };
}

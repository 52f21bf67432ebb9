namespace Herald.Collect;

/// <summary>Everything in <c>&lt;data&gt;/collectors.yaml</c>: the collectors and the limits on what they take in.</summary>
public sealed record CollectorsConfiguration(IReadOnlyList<CollectorDefinition> Collectors, ArchiveLimits Limits)
{
    public const string FileName = "collectors.yaml";

    /// <summary>Without a collectors.yaml: the watched folder <c>&lt;data&gt;/inbox</c>, as <c>herald serve</c> always had.</summary>
    public static CollectorsConfiguration Default(string dataDirectory) => new(
        [new CollectorDefinition("inbox", CollectorKind.Folder, "inbox", TimeSpan.FromSeconds(3),
            new FolderSettings(Path.Combine(dataDirectory, "inbox"), TimeSpan.FromSeconds(2)))],
        new ArchiveLimits());

    /// <summary>The data directory's collectors.yaml, or <see cref="Default"/> when there is none.</summary>
    public static CollectorsConfiguration Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? CollectorsFile.Parse(File.ReadAllText(path), path, dataDirectory) : Default(dataDirectory);
    }
}

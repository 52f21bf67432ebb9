using Herald.Parse;

namespace Herald.Tests;

/// <summary>Finds the shared reference data (<c>../shared/data</c> beside the repository) that some tests read.</summary>
internal static class TestData
{
    public const string SkipReason = "../shared/data is absent: clone shared/ beside the project to run this test";

    private static readonly Lazy<ShadowserverSchema> LazySchema = new(() => ShadowserverSchema.Load(SchemaPath));

    /// <summary>The repository root: the nearest directory above the test binaries that holds <c>Herald.slnx</c>, or null.</summary>
    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedDataDir { get; } =
        RepositoryRoot is null ? "" : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static bool SharedDataExists => SharedDataDir.Length > 0 && Directory.Exists(SharedDataDir);

    public static string SchemaPath => Path.Combine(SharedDataDir, "shadowserver", "schema", "intelmq.json");

    public static string SamplesDir => Path.Combine(SharedDataDir, "shadowserver", "samples");

    /// <summary>X-ARF v4's published schemas (the folder that holds <c>v4</c>).</summary>
    public static string XarfSchemasDir => Path.Combine(SharedDataDir, "xarf", "schemas");

    public static string XarfSamplesDir => Path.Combine(SharedDataDir, "xarf", "samples");

    /// <summary>The published Shadowserver schema, loaded once.</summary>
    public static ShadowserverSchema Schema => LazySchema.Value;

    /// <summary>The sample report file names, sorted; none when the shared data is absent.</summary>
    public static IEnumerable<string> SampleFileNames() =>
        SharedDataExists && Directory.Exists(SamplesDir)
            ? Directory.EnumerateFiles(SamplesDir, "*.csv").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)
            : [];

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Herald.slnx"))) return dir.FullName;
        return null;
    }
}

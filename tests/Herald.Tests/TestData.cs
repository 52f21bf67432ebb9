using Herald.Parse;

namespace Herald.Tests;

/// <summary>The reference data the tests read: <c>tests/data</c> in the repository (origins and licences in its README.md).</summary>
internal static class TestData
{
    private static readonly Lazy<ShadowserverSchema> LazySchema = new(() => ShadowserverSchema.Load(SchemaPath));

    /// <summary>The repository root: the nearest directory above the test binaries that holds <c>Herald.slnx</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DataDir { get; } = Path.Combine(RepositoryRoot, "tests", "data");

    public static string SchemaPath => Path.Combine(DataDir, "shadowserver", "schema", "intelmq.json");

    public static string SamplesDir => Path.Combine(DataDir, "shadowserver", "samples");

    /// <summary>X-ARF v4's published schemas (the folder that holds <c>v4</c>).</summary>
    public static string XarfSchemasDir => Path.Combine(DataDir, "xarf", "schemas");

    public static string XarfSamplesDir => Path.Combine(DataDir, "xarf", "samples");

    public static string RdapDir => Path.Combine(DataDir, "rdap");

    /// <summary>The published Shadowserver schema, loaded once.</summary>
    public static ShadowserverSchema Schema => LazySchema.Value;

    /// <summary>The sample report file names, sorted.</summary>
    public static IEnumerable<string> SampleFileNames() =>
        Directory.EnumerateFiles(SamplesDir, "*.csv").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Herald.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Herald.slnx above {AppContext.BaseDirectory}: the tests read tests/data of the repository.");
    }
}

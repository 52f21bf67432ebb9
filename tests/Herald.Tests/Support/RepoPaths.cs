namespace Herald.Tests.Support;

/// <summary>Where the repository and its neighbours are, seen from a test run.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Routing data fetched by scripts/fetch-routing-data.sh (scripts/test.sh does it first).</summary>
    public static string Routing => Path.Combine(Root, ".cache", "routing");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Herald.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Herald.slnx not found above " + AppContext.BaseDirectory);
    }
}

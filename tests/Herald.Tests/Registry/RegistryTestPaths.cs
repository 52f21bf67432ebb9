using Herald.Enrich;
using Herald.Parse;

namespace Herald.Tests.Registry;

/// <summary>Where the registry tests find the routing data (.cache/routing) and the Shadowserver schema (tests/data).</summary>
internal static class RegistryTestPaths
{
    public const string NoRouting = ".cache/routing is absent: run scripts/fetch-routing-data.sh in the repository to run this test";

    private static readonly Lazy<RoutingTable?> LazyRouting = new(() => RoutingTable.TryLoad(RoutingDirectory));

    /// <summary>The nearest directory above the test binaries that holds Herald.slnx.</summary>
    public static string RepositoryRoot => TestData.RepositoryRoot;

    public static string RoutingDirectory => Path.Combine(RepositoryRoot, ".cache", "routing");

    public static bool RoutingExists =>
        File.Exists(Path.Combine(RoutingDirectory, "asn", "asn-ipv4.csv")) && File.Exists(Path.Combine(RoutingDirectory, "asn-country", "asn-country-ipv4.csv"));

    public static string SchemaPath => TestData.SchemaPath;

    /// <summary>The real routing table, loaded once for all tests (it takes a few seconds).</summary>
    public static RoutingTable Routing => LazyRouting.Value ?? throw new InvalidOperationException(NoRouting);

    public static ShadowserverSchema Schema => TestData.Schema;

    /// <summary>A fact that needs the routing data, skipped with the reason when it is absent.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class RoutingFactAttribute : FactAttribute
    {
        public RoutingFactAttribute()
        {
            if (!RoutingExists) Skip = NoRouting;
        }
    }
}

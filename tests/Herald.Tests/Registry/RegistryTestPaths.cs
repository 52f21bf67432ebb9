using Herald.Enrich;
using Herald.Parse;

namespace Herald.Tests.Registry;

/// <summary>Where the registry tests find the routing data (.cache/routing) and the shared reference data (../shared/data).</summary>
internal static class RegistryTestPaths
{
    public const string NoRouting = ".cache/routing is absent: run scripts/fetch-routing-data.sh in the repository to run this test";
    public const string NoSchema = "../shared/data/shadowserver/schema/intelmq.json is absent: clone shared/ beside the repository to run this test";

    private static readonly Lazy<RoutingTable?> LazyRouting = new(() => RoutingTable.TryLoad(RoutingDirectory));

    /// <summary>The nearest directory above the test binaries that holds Herald.slnx.</summary>
    public static string RepositoryRoot { get; } =
        TestData.RepositoryRoot ?? throw new InvalidOperationException($"No Herald.slnx above {AppContext.BaseDirectory}.");

    public static string RoutingDirectory => Path.Combine(RepositoryRoot, ".cache", "routing");

    public static bool RoutingExists =>
        File.Exists(Path.Combine(RoutingDirectory, "asn", "asn-ipv4.csv")) && File.Exists(Path.Combine(RoutingDirectory, "asn-country", "asn-country-ipv4.csv"));

    public static string SchemaPath => TestData.SchemaPath;

    public static bool SchemaExists => File.Exists(SchemaPath);

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

    /// <summary>A fact that needs the Shadowserver schema from the shared data, skipped with the reason when it is absent.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class SchemaFactAttribute : FactAttribute
    {
        public SchemaFactAttribute()
        {
            if (!SchemaExists) Skip = NoSchema;
        }
    }

    /// <summary>A fact that needs both the schema and the routing data.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class SchemaAndRoutingFactAttribute : FactAttribute
    {
        public SchemaAndRoutingFactAttribute()
        {
            if (!SchemaExists) Skip = NoSchema;
            else if (!RoutingExists) Skip = NoRouting;
        }
    }
}

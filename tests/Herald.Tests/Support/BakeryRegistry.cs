using Herald.Storage;

namespace Herald.Tests.Support;

/// <summary>
/// The small registry the pipeline tests share: one organisation (Bakkerij Jansen B.V., 192.0.2.0/24, with a security
/// contact) and its network owner (AS64500).
/// </summary>
internal static class BakeryRegistry
{
    /// <summary>Creates the runtime's database and puts the registry in it.</summary>
    public static async Task SeedAsync(HeraldRuntime runtime)
    {
        await runtime.InitialiseAsync(CancellationToken.None);
        await using var db = runtime.Database.Open();
        db.NetworkOwners.Add(new NetworkOwner { Asn = 64500, Name = "Voorbeeld Hosting B.V.", AbuseEmail = "abuse@hosting.example" });
        db.Organisations.Add(new Organisation
        {
            KvkNumber = "10000003",
            Name = "Bakkerij Jansen B.V.",
            Assets = [new OrganisationAsset { Kind = AssetKind.Network, Value = "192.0.2.0/24" }],
            Contacts = [new Contact { Email = "security@bakkerij-jansen.example" }],
        });
        await db.SaveChangesAsync();
    }
}

using System.Net;
using System.Text;
using Herald.Registry;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using static Herald.Tests.Registry.RegistryTestPaths;

using Herald.Tests.Support;

namespace Herald.Tests.Registry;

/// <summary>The synthetic registry generator: deterministic, realistic, in real Dutch space, and readable by the importer.</summary>
public sealed class SyntheticRegistryTests : IAsyncLifetime
{
    private static readonly string[] VitalSectors = ["energie", "drinkwater", "telecom", "zorg", "overheid", "financieel", "transport"];

    private TempDatabase _temp = null!;
    private string _directory = "";
    private HeraldDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempDatabase.CreateAsync();
        (_directory, _database) = (_temp.Path, _temp.Database);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public void The_same_seed_gives_the_same_registry_and_another_seed_another()
    {
        var generator = new SyntheticRegistry(null);

        var first = Json(generator.Generate(new SyntheticRegistryOptions { Organisations = 150, Seed = 42 }));
        var again = Json(generator.Generate(new SyntheticRegistryOptions { Organisations = 150, Seed = 42 }));
        var other = Json(generator.Generate(new SyntheticRegistryOptions { Organisations = 150, Seed = 43 }));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [RoutingFact]
    public void The_same_seed_gives_the_same_registry_from_the_routing_table()
    {
        var generator = new SyntheticRegistry(Routing);

        var first = Json(generator.Generate(new SyntheticRegistryOptions { Organisations = 150, Seed = 7 }));
        var again = Json(new SyntheticRegistry(Routing).Generate(new SyntheticRegistryOptions { Organisations = 150, Seed = 7 }));

        Assert.Equal(first, again);
    }

    [Fact]
    public void A_registry_has_every_sector_vital_organisations_partners_and_contacts_of_every_shape()
    {
        var registry = new SyntheticRegistry(null).Generate(new SyntheticRegistryOptions { Organisations = 300, Seed = 1 });
        var organisations = registry.Organisations;

        Assert.Equal(300, organisations.Count);
        Assert.Equal(300, organisations.Select(o => o.KvkNumber).Distinct().Count());
        Assert.All(organisations, o => Assert.Matches("^[0-9]{8}$", o.KvkNumber));
        Assert.Equal(300, organisations.Select(o => o.Name).Distinct().Count());
        Assert.Subset(organisations.Select(o => o.Sector!).ToHashSet(), VitalSectors.ToHashSet());
        Assert.Contains(organisations, o => o.Sector == "ICT-dienstverlening");
        Assert.All(organisations.Where(o => o.Vital), o => Assert.Contains(o.Sector, VitalSectors));
        Assert.Contains(organisations, o => o.Vital);
        Assert.Contains(organisations, o => !o.Vital && VitalSectors.Contains(o.Sector));

        Assert.Equal(["cip", "ibd", "ncsc", "surfcert", "z-cert"], registry.Partners.Select(p => p.Code).Order());
        Assert.Equal(PartnerKind.NationalCsirt, registry.Partners.Single(p => p.Code == "ncsc").Kind);
        var members = organisations.Where(o => o.PartnerCode is not null).ToList();
        Assert.InRange(members.Count, 10, 200);
        Assert.All(members, o => Assert.Contains(o.PartnerCode, registry.Partners.Select(p => p.Code)));
        Assert.All(organisations.Where(o => o.PartnerCode == "z-cert"), o => Assert.Equal("zorg", o.Sector));

        Assert.Contains(organisations, o => o.Contacts.Count == 0);
        Assert.Contains(organisations, o => o.Contacts.Count == 1 && o.Contacts[0].Email is null && o.Contacts[0].Phone is not null);
        Assert.Contains(organisations, o => o.Contacts.Count == 2);
        Assert.Contains(organisations, o => o.Assets.Any(a => a.Kind == AssetKind.Asn));

        // Demo data must never mail a real company.
        var addresses = organisations.SelectMany(o => o.Contacts).Where(c => c.Email is not null).Select(c => c.Email!)
            .Concat(registry.Partners.Select(p => p.Email)).Concat(registry.NetworkOwners.Select(n => n.AbuseEmail)).ToList();
        Assert.All(addresses, a => Assert.EndsWith(".example", a, StringComparison.Ordinal));
        Assert.All(organisations.SelectMany(o => o.Assets).Where(a => a.Kind == AssetKind.Domain), a => Assert.EndsWith(".example", a.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_routing_table_the_networks_come_from_the_documentation_ranges_and_the_result_says_so()
    {
        var registry = new SyntheticRegistry(null).Generate(new SyntheticRegistryOptions { Organisations = 60, Seed = 3 });

        Assert.True(registry.UsesDocumentationRanges);
        Assert.Contains(registry.Notes, n => n.Contains("documentation ranges", StringComparison.Ordinal));
        IPNetwork[] documentation = [IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("2001:db8::/32")];
        var networks = Networks(registry).ToList();
        Assert.NotEmpty(networks);
        Assert.All(networks, n => Assert.Contains(documentation, d => d.Contains(n.Network.BaseAddress)));
        AssertOverlapsOnlyWhereNested(registry);
    }

    [RoutingFact]
    public void Networks_lie_in_Dutch_routed_space_and_overlap_only_where_nested_on_purpose()
    {
        var registry = new SyntheticRegistry(Routing).Generate(new SyntheticRegistryOptions { Organisations = 500, Seed = 11 });

        Assert.False(registry.UsesDocumentationRanges);
        Assert.Empty(registry.Notes);
        var networks = Networks(registry).ToList();
        Assert.Contains(networks, n => n.Network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        foreach (var (kvk, network) in networks)
        {
            var (first, last) = Ends(network);
            Assert.True(Routing.FindCountry(first) == "NL" && Routing.FindCountry(last) == "NL", $"{network} of {kvk} is not Dutch space");
            Assert.True(Routing.FindAs(first) is not null, $"{network} of {kvk} is not routed");
        }
        var v4 = networks.Where(n => n.Network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Select(n => n.Network.PrefixLength).ToList();
        Assert.Contains(24, v4);
        Assert.Contains(29, v4);
        Assert.True(registry.NestedNetworks.Count >= 2, "a registry of 500 should have nested networks");
        AssertOverlapsOnlyWhereNested(registry);
    }

    [RoutingFact]
    public void Every_AS_the_networks_come_from_has_a_network_owner_with_an_example_abuse_address()
    {
        var registry = new SyntheticRegistry(Routing).Generate(new SyntheticRegistryOptions { Organisations = 200, Seed = 5 });

        var owners = registry.NetworkOwners.ToDictionary(o => o.Asn);
        foreach (var (kvk, network) in Networks(registry))
        {
            var asInfo = Routing.FindAs(network.BaseAddress);
            Assert.NotNull(asInfo);
            Assert.True(owners.ContainsKey(asInfo.Number), $"AS {asInfo.Number} of {network} ({kvk}) has no network owner");
            Assert.Equal(asInfo.Name, owners[asInfo.Number].Name);
        }
        Assert.All(registry.NetworkOwners, o => Assert.Matches("^abuse@[a-z0-9-]+\\.example$", o.AbuseEmail));
        foreach (var organisation in registry.Organisations.Where(o => o.Assets.Any(a => a.Kind == AssetKind.Asn)))
        {
            var asn = long.Parse(organisation.Assets.Single(a => a.Kind == AssetKind.Asn).Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(organisation.Assets.Where(a => a.Kind == AssetKind.Network), a => Assert.Equal(asn, Routing.FindAs(IPNetwork.Parse(a.Value).BaseAddress)!.Number));
        }
    }

    [Fact]
    public async Task A_registry_written_as_CSV_files_and_imported_equals_the_generated_one()
    {
        var registry = new SyntheticRegistry(RoutingExists ? Routing : null).Generate(new SyntheticRegistryOptions { Organisations = 250, Seed = 9 });
        var files = registry.WriteCsvFiles(Path.Combine(_directory, "csv"));

        await using var db = _database.Open();
        var result = await new RegistryImporter(db).ImportFilesAsync(files, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Equal((5, registry.NetworkOwners.Count, 250), (result.Partners.Added, result.NetworkOwners.Added, result.Organisations.Added));
        await AssertStoredEqualsAsync(registry);
    }

    [Fact]
    public async Task A_registry_written_as_JSON_and_imported_equals_the_generated_one()
    {
        var registry = new SyntheticRegistry(RoutingExists ? Routing : null).Generate(new SyntheticRegistryOptions { Organisations = 250, Seed = 10 });
        using var json = new MemoryStream();
        registry.WriteJson(json);
        json.Position = 0;

        await using var db = _database.Open();
        var result = await new RegistryImporter(db).ImportJsonAsync(json, "registry.json", CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Equal(250, result.Organisations.Added);
        await AssertStoredEqualsAsync(registry);
    }

    [Fact]
    public async Task Saving_a_registry_twice_changes_nothing_the_second_time()
    {
        var registry = new SyntheticRegistry(null).Generate(new SyntheticRegistryOptions { Organisations = 80, Seed = 2 });

        await using (var db = _database.Open()) await registry.SaveAsync(db, CancellationToken.None);
        RegistryImportResult again;
        await using (var db = _database.Open()) again = await registry.SaveAsync(db, CancellationToken.None);

        Assert.Equal(new RegistryImportCount(0, 0, 80), again.Organisations);
        Assert.Equal(new RegistryImportCount(0, 0, 5), again.Partners);
        Assert.Equal(0, again.NetworkOwners.Added + again.NetworkOwners.Updated);
        await AssertStoredEqualsAsync(registry);
    }

    private async Task AssertStoredEqualsAsync(SyntheticRegistryResult registry)
    {
        await using var db = _database.Open();
        var stored = await db.Organisations.Include(o => o.Assets).Include(o => o.Contacts).AsSplitQuery().ToListAsync();
        Assert.Equal(registry.Organisations.Select(Canonical).Order(StringComparer.Ordinal), stored.Select(Canonical).Order(StringComparer.Ordinal));
        var partners = await db.Partners.ToListAsync();
        Assert.Equal(registry.Partners.Select(p => $"{p.Code}|{p.Name}|{p.Kind}|{p.Email}").Order(), partners.Select(p => $"{p.Code}|{p.Name}|{p.Kind}|{p.Email}").Order());
        var owners = await db.NetworkOwners.ToListAsync();
        Assert.Equal(registry.NetworkOwners.Select(o => $"{o.Asn}|{o.Name}|{o.AbuseEmail}").Order(), owners.Select(o => $"{o.Asn}|{o.Name}|{o.AbuseEmail}").Order());
    }

    private static string Canonical(Organisation o) =>
        string.Join(" | ",
            o.KvkNumber, o.Name, o.Sector, o.Vital, o.PartnerCode,
            string.Join(";", o.Assets.Select(a => $"{a.Kind}:{a.Value}").Order(StringComparer.Ordinal)),
            string.Join(";", o.Contacts.Select(c => $"{c.Email}/{c.Phone}/{c.Languages}/{c.Origin}").Order(StringComparer.Ordinal)));

    private static string Json(SyntheticRegistryResult registry)
    {
        using var stream = new MemoryStream();
        registry.WriteJson(stream);
        return Encoding.UTF8.GetString(stream.ToArray()) + string.Join("\n", registry.NestedNetworks) + string.Join("\n", registry.Notes);
    }

    private static IEnumerable<(string Kvk, IPNetwork Network)> Networks(SyntheticRegistryResult registry) =>
        registry.Organisations.SelectMany(o => o.Assets.Where(a => a.Kind == AssetKind.Network).Select(a => (o.KvkNumber, IPNetwork.Parse(a.Value))));

    private static (IPAddress First, IPAddress Last) Ends(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        var hostBits = bytes.Length * 8 - network.PrefixLength;
        for (var i = bytes.Length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8)
            bytes[i] |= (byte)(hostBits >= 8 ? 0xFF : (1 << hostBits) - 1);
        return (network.BaseAddress, new IPAddress(bytes));
    }

    /// <summary>Sorts all networks by their first address and checks every overlap against the nestings made on purpose.</summary>
    private static void AssertOverlapsOnlyWhereNested(SyntheticRegistryResult registry)
    {
        var intended = registry.NestedNetworks.Select(n => (n.InnerNetwork, n.OuterNetwork)).ToHashSet();
        var ranges = Networks(registry)
            .Select(n => (n.Kvk, Text: n.Network.ToString(), First: Number(Ends(n.Network).First), Last: Number(Ends(n.Network).Last)))
            .OrderBy(r => r.First).ThenByDescending(r => r.Last).ToList();
        Assert.Equal(ranges.Count, ranges.Select(r => r.Text).Distinct().Count());
        var open = new List<(string Kvk, string Text, UInt128 First, UInt128 Last)>();
        foreach (var range in ranges)
        {
            open.RemoveAll(o => o.Last < range.First);
            foreach (var outer in open)
                Assert.True(intended.Contains((range.Text, outer.Text)), $"{range.Text} ({range.Kvk}) overlaps {outer.Text} ({outer.Kvk}) unintended");
            open.Add(range);
        }
        foreach (var nesting in registry.NestedNetworks)
        {
            Assert.NotEqual(nesting.InnerKvk, nesting.OuterKvk);
            Assert.True(IPNetwork.Parse(nesting.OuterNetwork).Contains(IPNetwork.Parse(nesting.InnerNetwork).BaseAddress));
        }
    }

    private static UInt128 Number(IPAddress address)
    {
        var bytes = address.MapToIPv6().GetAddressBytes();
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}

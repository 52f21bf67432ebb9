using System.Text;
using Herald.Registry;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

using Herald.Tests.Support;

namespace Herald.Tests.Registry;

/// <summary>Importing registry files (CSV and JSON) into a real SQLite database in a directory of the test's own.</summary>
public sealed class RegistryImporterTests : IAsyncLifetime
{
    private const string PartnersCsv = """
        code,name,kind,email
        ncsc,Nationaal Cyber Security Centrum,national-csirt,cert@ncsc.example
        z-cert,Z-CERT,cert,cert@z-cert.example
        """;

    private const string OrganisationsCsv = """
        kvk,name,sector,vital,partner,networks,domains,asns,email,phone,languages
        12345678,Jansen Installatietechniek B.V.,bouw,false,,192.0.2.0/28;2001:db8:10::/48,Jansen-Installatietechniek.example,,security@jansen-installatietechniek.example,+31 20 123 4567,nl;en
        12345678,Jansen Installatietechniek B.V.,bouw,false,,,,,ict@jansen-installatietechniek.example,,en
        87654321,Zorggroep Amstelland,zorg,true,z-cert,198.51.100.0/24,zorggroep-amstelland.example,AS64500,,+31 20 765 4321,
        01234567,Bakkerij de Vries,retail,,,,,,,,
        """;

    private const string Json = """
        {
          "partners": [
            { "code": "surfcert", "name": "SURFcert", "kind": "cert", "email": "cert@surfcert.example" }
          ],
          "network_owners": [
            { "asn": 64500, "name": "Example Hosting B.V.", "abuse_email": "abuse@example-hosting.example" }
          ],
          "organisations": [
            {
              "kvk": "23456789",
              "name": "Hogeschool Zwolle",
              "sector": "onderwijs",
              "vital": false,
              "partner": "surfcert",
              "networks": ["203.0.113.0/26"],
              "domains": ["hogeschool-zwolle.example"],
              "asns": [64501, "AS64502"],
              "contacts": [
                { "email": "cert@hogeschool-zwolle.example", "phone": "038 123 4567", "languages": ["nl", "en"] },
                { "phone": "+31 38 765 4321" }
              ]
            },
            // Comments and trailing commas are allowed in hand-edited files.
            { "kvk": "34567890", "name": "Gemeente Goes", "sector": "overheid", "vital": true, },
          ]
        }
        """;

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
    public async Task A_CSV_registry_is_imported_with_assets_and_one_contact_per_row()
    {
        await ImportCsvAsync(PartnersCsv, "partners.csv");
        var result = await ImportCsvAsync(OrganisationsCsv, "organisations.csv");

        Assert.Empty(result.Problems);
        Assert.Equal(new RegistryImportCount(3, 0, 0), result.Organisations);
        var organisations = await LoadAsync();
        Assert.Equal(["01234567", "12345678", "87654321"], organisations.Select(o => o.KvkNumber));

        var jansen = organisations[1];
        Assert.Equal("Jansen Installatietechniek B.V.", jansen.Name);
        Assert.Equal("bouw", jansen.Sector);
        Assert.False(jansen.Vital);
        Assert.Null(jansen.PartnerCode);
        Assert.Equal(["Domain jansen-installatietechniek.example", "Network 192.0.2.0/28", "Network 2001:db8:10::/48"], Assets(jansen));
        Assert.Equal(["ict@jansen-installatietechniek.example  en", "security@jansen-installatietechniek.example +31 20 123 4567 nl,en"], Contacts(jansen));
        Assert.All(jansen.Contacts, c => Assert.Equal(RegistryImporter.Origin, c.Origin));

        var zorg = organisations[2];
        Assert.True(zorg.Vital);
        Assert.Equal("z-cert", zorg.PartnerCode);
        Assert.Equal(["Asn 64500", "Domain zorggroep-amstelland.example", "Network 198.51.100.0/24"], Assets(zorg));
        Assert.Equal([" +31 20 765 4321 nl,en"], Contacts(zorg));

        var bakkerij = organisations[0];
        Assert.Equal("01234567", bakkerij.KvkNumber);
        Assert.Empty(bakkerij.Assets);
        Assert.Empty(bakkerij.Contacts);
    }

    [Fact]
    public async Task A_JSON_registry_is_imported_with_its_partners_network_owners_and_organisations()
    {
        var result = await ImportJsonAsync(Json);

        Assert.Empty(result.Problems);
        Assert.Equal(new RegistryImportCount(1, 0, 0), result.Partners);
        Assert.Equal(new RegistryImportCount(1, 0, 0), result.NetworkOwners);
        Assert.Equal(new RegistryImportCount(2, 0, 0), result.Organisations);
        await using var db = _database.Open();
        var partner = await db.Partners.SingleAsync();
        Assert.Equal(("surfcert", "SURFcert", PartnerKind.Cert, "cert@surfcert.example"), (partner.Code, partner.Name, partner.Kind, partner.Email));
        var owner = await db.NetworkOwners.SingleAsync();
        Assert.Equal((64500L, "Example Hosting B.V.", "abuse@example-hosting.example", "registry"), (owner.Asn, owner.Name, owner.AbuseEmail, owner.Origin));

        var organisations = await LoadAsync();
        var school = organisations[0];
        Assert.Equal(("23456789", "Hogeschool Zwolle", "onderwijs", false, "surfcert"), (school.KvkNumber, school.Name, school.Sector, school.Vital, school.PartnerCode));
        Assert.Equal(["Asn 64501", "Asn 64502", "Domain hogeschool-zwolle.example", "Network 203.0.113.0/26"], Assets(school));
        Assert.Equal([" +31 38 765 4321 nl,en", "cert@hogeschool-zwolle.example 038 123 4567 nl,en"], Contacts(school));
        var gemeente = organisations[1];
        Assert.True(gemeente.Vital);
        Assert.Empty(gemeente.Contacts);
    }

    [Fact]
    public async Task Importing_again_updates_organisations_in_place_and_never_duplicates_them()
    {
        await ImportCsvAsync(PartnersCsv, "partners.csv");
        await ImportCsvAsync(OrganisationsCsv, "organisations.csv");
        var idsBefore = (await LoadAsync()).ToDictionary(o => o.KvkNumber, o => o.Id);

        var same = await ImportCsvAsync(OrganisationsCsv, "organisations.csv");
        Assert.Equal(new RegistryImportCount(0, 0, 3), same.Organisations);

        // Jansen moves to a new network, loses its second contact and prefers English; Zorggroep leaves Z-CERT.
        var changed = await ImportCsvAsync("""
            kvk,name,sector,vital,partner,networks,domains,email,phone,languages
            12345678,Jansen Installatietechniek B.V.,bouw,false,,192.0.2.64/28,jansen-installatietechniek.example,security@jansen-installatietechniek.example,+31 20 123 4567,en
            87654321,Zorggroep Amstelland,zorg,true,,198.51.100.0/24,zorggroep-amstelland.example,,+31 20 765 4321,
            55555555,Nieuw Bedrijf B.V.,retail,false,,,,,,
            """, "organisations.csv");

        Assert.Empty(changed.Problems);
        Assert.Equal(new RegistryImportCount(1, 2, 0), changed.Organisations);
        var organisations = await LoadAsync();
        Assert.Equal(4, organisations.Count);
        Assert.All(organisations.Where(o => idsBefore.ContainsKey(o.KvkNumber)), o => Assert.Equal(idsBefore[o.KvkNumber], o.Id));
        var jansen = organisations.Single(o => o.KvkNumber == "12345678");
        Assert.Equal(["Domain jansen-installatietechniek.example", "Network 192.0.2.64/28"], Assets(jansen));
        Assert.Equal(["security@jansen-installatietechniek.example +31 20 123 4567 en"], Contacts(jansen));
        var zorg = organisations.Single(o => o.KvkNumber == "87654321");
        Assert.Null(zorg.PartnerCode);
        // The file has no asns column, so the AS numbers are left as they were.
        Assert.Equal(["Asn 64500", "Domain zorggroep-amstelland.example", "Network 198.51.100.0/24"], Assets(zorg));
        // Organisations the file does not mention are left alone: an import is not a sync.
        Assert.Contains(organisations, o => o.KvkNumber == "01234567");
        // What was replaced is deleted, not orphaned.
        await using var db = _database.Open();
        Assert.Equal(5, await db.OrganisationAssets.CountAsync());
        Assert.Equal(2, await db.Contacts.CountAsync());
    }

    [Fact]
    public async Task Importing_again_keeps_contacts_found_another_way_and_the_verification_of_contacts_that_stay()
    {
        await ImportCsvAsync(PartnersCsv, "partners.csv");
        await ImportCsvAsync(OrganisationsCsv, "organisations.csv");
        var verified = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var db = _database.Open())
        {
            var jansen = await db.Organisations.Include(o => o.Contacts).SingleAsync(o => o.KvkNumber == "12345678");
            jansen.Contacts.Single(c => c.Email == "security@jansen-installatietechniek.example").VerifiedAt = verified;
            jansen.Contacts.Add(new Contact { Email = "abuse@jansen-installatietechniek.example", Origin = "security.txt" });
            await db.SaveChangesAsync();
        }

        await ImportCsvAsync(OrganisationsCsv, "organisations.csv");

        var contacts = (await LoadAsync()).Single(o => o.KvkNumber == "12345678").Contacts;
        Assert.Equal(3, contacts.Count);
        Assert.Equal(verified, contacts.Single(c => c.Email == "security@jansen-installatietechniek.example").VerifiedAt);
        Assert.Equal("security.txt", contacts.Single(c => c.Email == "abuse@jansen-installatietechniek.example").Origin);
    }

    [Fact]
    public async Task Invalid_CSV_rows_are_reported_with_their_line_and_reason_and_the_valid_rows_are_imported()
    {
        await ImportCsvAsync(PartnersCsv, "partners.csv");
        var result = await ImportCsvAsync("""
            kvk,name,sector,vital,partner,networks,domains,asns,email,phone,languages
            11111111,Goed B.V.,retail,false,,192.0.2.0/29,goed.example,,info@goed.example,,
            1234567,Te Kort B.V.,retail,false,,,,,,,
            22222222,,retail,false,,,,,,,
            33333333,Fout Netwerk B.V.,bouw,misschien,geen-partner,192.0.2.1/24;300.1.2.0/24,-slecht-.example,AS0,geen-adres,12,xx1
            44444444,Ook Goed B.V.,zorg,true,z-cert,,ook-goed.example,,,+31 6 12345678,
            11111111,Ander Naam B.V.,,,,,,,tweede@goed.example,,
            """, "organisations.csv");

        Assert.Equal(["11111111", "44444444"], (await LoadAsync()).Select(o => o.KvkNumber));
        Assert.Equal(new RegistryImportCount(2, 0, 0), result.Organisations);
        var byLine = result.Problems.GroupBy(p => p.Line!.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToList());
        Assert.Equal([3L, 4, 5, 7], byLine.Keys.Order());
        Assert.Contains("not a KvK number", Assert.Single(byLine[3]), StringComparison.Ordinal);
        Assert.Contains("name is empty", Assert.Single(byLine[4]), StringComparison.Ordinal);
        var line5 = string.Join(" | ", byLine[5]);
        Assert.Equal(9, byLine[5].Count);
        foreach (var expected in new[]
        {
            "vital 'misschien' is neither true nor false", "partner 'geen-partner' is not a known partner",
            "did you mean 192.0.2.0/24?", "network '300.1.2.0/24' is not a network", "domain '-slecht-.example'",
            "asn 'AS0' is not an AS number", "email 'geen-adres' is not an e-mail address", "phone '12' is not a phone number",
            "language 'xx1' is not a two-letter language code",
        })
            Assert.Contains(expected, line5, StringComparison.Ordinal);
        Assert.Contains("differs from 'Goed B.V.'", Assert.Single(byLine[7]), StringComparison.Ordinal);
        Assert.All(result.Problems, p => Assert.Equal(("organisations.csv", RegistryTable.Organisations, (int?)null), (p.Source, p.Table, p.Index)));
        Assert.Equal("organisations.csv line 3: kvk '1234567' is not a KvK number: eight digits, without spaces (a leading 0 counts)", result.Problems[0].ToString());
    }

    [Fact]
    public async Task Invalid_JSON_records_are_reported_with_their_index_and_reason_and_the_valid_records_are_imported()
    {
        var result = await ImportJsonAsync("""
            {
              "partners": [
                { "code": "ok", "name": "OK-CERT", "kind": "cert", "email": "cert@ok.example" },
                { "code": "bad", "name": "Bad", "kind": "police", "email": "cert@bad.example" }
              ],
              "network_owners": [ { "asn": "x", "name": "", "abuse_email": "abuse@x.example" } ],
              "organisations": [
                { "kvk": 12345678, "name": "Getal B.V." },
                { "kvk": "23456789", "name": "Goed B.V.", "partner": "ok", "networks": ["192.0.2.0/28"], "netwroks": ["x"],
                  "contacts": [ { "email": "info@goed.example" } ] },
                { "kvk": "34567890", "name": "Slecht Contact B.V.", "contacts": [ { "languages": ["nl"] }, "x" ] },
                { "kvk": "23456789", "name": "Dubbel B.V." },
                "not an object"
              ]
            }
            """);

        Assert.Equal(new RegistryImportCount(1, 0, 0), result.Partners);
        Assert.Equal(new RegistryImportCount(0, 0, 0), result.NetworkOwners);
        Assert.Equal(new RegistryImportCount(1, 0, 0), result.Organisations);
        var organisation = Assert.Single(await LoadAsync());
        Assert.Equal(("23456789", "ok"), (organisation.KvkNumber, organisation.PartnerCode));

        string Problem(RegistryTable table, int index) =>
            string.Join(" | ", result.Problems.Where(p => p.Table == table && p.Index == index).Select(p => p.Reason));
        Assert.Contains("kind 'police' is not one of national-csirt, cert, liaison", Problem(RegistryTable.Partners, 1), StringComparison.Ordinal);
        Assert.Contains("asn 'x' is not an AS number", Problem(RegistryTable.NetworkOwners, 0), StringComparison.Ordinal);
        Assert.Contains("name is empty", Problem(RegistryTable.NetworkOwners, 0), StringComparison.Ordinal);
        Assert.Contains("would lose leading zeros", Problem(RegistryTable.Organisations, 0), StringComparison.Ordinal);
        Assert.Contains("field 'netwroks' is not part of the format and is ignored", Problem(RegistryTable.Organisations, 1), StringComparison.Ordinal);
        Assert.Contains("contacts[0]: has neither email nor phone", Problem(RegistryTable.Organisations, 2), StringComparison.Ordinal);
        Assert.Contains("contacts[1]: is a JSON string, not an object", Problem(RegistryTable.Organisations, 2), StringComparison.Ordinal);
        Assert.Contains("kvk 23456789 is already at index 1", Problem(RegistryTable.Organisations, 3), StringComparison.Ordinal);
        Assert.Contains("not an object", Problem(RegistryTable.Organisations, 4), StringComparison.Ordinal);
        Assert.All(result.Problems, p => Assert.Null(p.Line));
        Assert.Contains("registry.json organisations[3]: kvk 23456789 is already at index 1", result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public async Task JSON_that_does_not_parse_is_reported_with_its_line_and_nothing_is_imported()
    {
        var result = await ImportJsonAsync("{\n  \"organisations\": [\n    { \"kvk\": \"12345678\" \"name\": \"x\" }\n  ]\n}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("not valid JSON", problem.Reason, StringComparison.Ordinal);
        Assert.Empty(await LoadAsync());
    }

    [Fact]
    public async Task A_file_separated_by_semicolons_is_explained_instead_of_misread()
    {
        var result = await ImportCsvAsync("kvk;name;sector\n12345678;Jansen B.V.;bouw\n", "excel.csv");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("separated by ';'", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_columns_are_reported_once_and_the_rows_still_import()
    {
        var result = await ImportCsvAsync("kvk,name,netwerken\n12345678,Jansen B.V.,192.0.2.0/24\n", "organisations.csv");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((1L, "column 'netwerken' is not part of the format and is ignored"), (problem.Line!.Value, problem.Reason));
        Assert.Equal(new RegistryImportCount(1, 0, 0), result.Organisations);
    }

    [Fact]
    public async Task Files_are_imported_partners_first_whatever_order_they_are_given_in()
    {
        var organisations = Path.Combine(_directory, "organisations.csv");
        var partners = Path.Combine(_directory, "partners.csv");
        var owners = Path.Combine(_directory, "network-owners.csv");
        await File.WriteAllTextAsync(organisations, OrganisationsCsv);
        await File.WriteAllTextAsync(partners, PartnersCsv);
        await File.WriteAllTextAsync(owners, "asn,name,abuse_email\n64500,Example Hosting B.V.,abuse@example-hosting.example\n");
        await using var db = _database.Open();

        var result = await new RegistryImporter(db).ImportFilesAsync([organisations, owners, partners], CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Equal((2, 1, 3), (result.Partners.Added, result.NetworkOwners.Added, result.Organisations.Added));
    }

    [Fact]
    public async Task An_organisation_that_names_an_unknown_partner_is_reported()
    {
        var result = await ImportCsvAsync(OrganisationsCsv, "organisations.csv");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((4L, "partner 'z-cert' is not a known partner; import the partners first"), (problem.Line!.Value, problem.Reason));
        Assert.Equal(2, result.Organisations.Added);
    }

    private async Task<RegistryImportResult> ImportCsvAsync(string csv, string source)
    {
        await using var db = _database.Open();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await new RegistryImporter(db).ImportCsvAsync(stream, source, CancellationToken.None);
    }

    private async Task<RegistryImportResult> ImportJsonAsync(string json)
    {
        await using var db = _database.Open();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await new RegistryImporter(db).ImportJsonAsync(stream, "registry.json", CancellationToken.None);
    }

    private async Task<List<Organisation>> LoadAsync()
    {
        await using var db = _database.Open();
        return await db.Organisations.Include(o => o.Assets).Include(o => o.Contacts).AsSplitQuery().OrderBy(o => o.KvkNumber).ToListAsync();
    }

    private static List<string> Assets(Organisation o) => o.Assets.Select(a => $"{a.Kind} {a.Value}").Order(StringComparer.Ordinal).ToList();

    private static List<string> Contacts(Organisation o) =>
        o.Contacts.Select(c => $"{c.Email} {c.Phone} {c.Languages}").Order(StringComparer.Ordinal).ToList();
}

using Herald.Decide;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Pipeline;

public sealed class ReportProcessorTests : IDisposable
{
    private const string Header =
        "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"";

    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private HeraldRuntime NewRuntime() => new(new HeraldOptions
    {
        DataDirectory = Path.Combine(_dir.Path, "data"),
        SchemaPath = TestData.SchemaPath,
        RoutingDirectory = Path.Combine(_dir.Path, "no-routing"),
    }, _time);

    private static string Row(string ip, int asn, string geo, string tag = "cve-2021-41773") =>
        $"\"2026-11-01 10:00:00\",{ip},tcp,443,,\"{tag}\",{asn},{geo},Region,City,0,0,HTTP/1.1,200";

    /// <summary>A registry with one organisation for every route, including a range nested in another.</summary>
    private static async Task SeedRegistryAsync(HeraldRuntime runtime)
    {
        await runtime.InitialiseAsync(CancellationToken.None);
        await using var db = runtime.Database.Open();
        db.Partners.AddRange(
            new Partner { Code = "ncsc", Name = "Nationaal CSIRT", Kind = PartnerKind.NationalCsirt, Email = "cert@ncsc.example" },
            new Partner { Code = "z-cert", Name = "Z-CERT", Kind = PartnerKind.Cert, Email = "meldingen@z-cert.example" });
        db.NetworkOwners.Add(new NetworkOwner { Asn = 64501, Name = "Voorbeeld Hosting B.V.", AbuseEmail = "abuse@hosting.example" });
        db.Organisations.AddRange(
            Org("10000001", "Waterbedrijf Zuid", "drinkwater", vital: true, partner: null, "192.0.2.0/28", null),
            Org("10000002", "Zorggroep Oost", "zorg", vital: false, partner: "z-cert", "192.0.2.16/28", "ict@zorggroep-oost.example"),
            Org("10000003", "Bakkerij Jansen B.V.", "retail", vital: false, partner: null, "192.0.2.32/28", "security@bakkerij-jansen.example"),
            Org("10000004", "Jansen Webshop B.V.", "retail", vital: false, partner: null, "192.0.2.40/29", "webshop@jansen-webshop.example"),
            Org("10000005", "Garage De Vries", "automotive", vital: false, partner: null, "198.51.100.0/28", null));
        await db.SaveChangesAsync();
    }

    private static Organisation Org(string kvk, string name, string sector, bool vital, string? partner, string network, string? email) => new()
    {
        KvkNumber = kvk,
        Name = name,
        Sector = sector,
        Vital = vital,
        PartnerCode = partner,
        Assets = [new OrganisationAsset { Kind = AssetKind.Network, Value = network }],
        Contacts = email is null ? [] : [new Contact { Email = email }],
    };

    private string WriteReport(params string[] rows)
    {
        var path = Path.Combine(_dir.Path, "2026-11-01-scan_http_vulnerable-nl-geo.csv");
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n");
        return path;
    }

    [Fact]
    public async Task Every_route_gets_its_recipient_and_one_eml_per_recipient()
    {
        var runtime = NewRuntime();
        await SeedRegistryAsync(runtime);
        var report = WriteReport(
            Row("192.0.2.1", 64500, "NL"),      // vital → national CSIRT
            Row("192.0.2.17", 64500, "NL"),     // member of z-cert → partner
            Row("192.0.2.33", 64500, "NL"),     // Bakkerij Jansen → direct
            Row("192.0.2.41", 64500, "NL"),     // nested range: Jansen Webshop wins over Bakkerij Jansen
            Row("192.0.2.42", 64500, "NL"),     // the same recipient again: aggregated into one warning
            Row("198.51.100.5", 64501, "NL"),   // organisation without contact → network owner
            Row("198.51.100.200", 64501, "NL"), // no organisation → network owner
            Row("203.0.113.5", 64502, "US"),    // outside the constituency → discard
            Row("203.0.113.77", 64999, "NL"));  // no organisation, no abuse contact → hold for review

        var summary = await runtime.CreateProcessor().ProcessFileAsync(report, null, "test", null, CancellationToken.None);

        Assert.Equal(9, summary.Events);
        Assert.Equal(0, summary.Rejections);
        Assert.Equal(1, summary.Routes[Route.NationalCsirt]);
        Assert.Equal(1, summary.Routes[Route.Partner]);
        Assert.Equal(3, summary.Routes[Route.Direct]);
        Assert.Equal(2, summary.Routes[Route.NetworkOwner]);
        Assert.Equal(1, summary.Routes[Route.Discard]);
        Assert.Equal(1, summary.Routes[Route.HoldForReview]);

        var mails = Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var byRecipient = mails.ToDictionary(m => m.To.Mailboxes.Single().Address, m => m.Headers["X-Herald-Route"] ?? "");
        Assert.Equal(new Dictionary<string, string>
        {
            ["cert@ncsc.example"] = "NationalCsirt",
            ["meldingen@z-cert.example"] = "Partner",
            ["security@bakkerij-jansen.example"] = "Direct",
            ["webshop@jansen-webshop.example"] = "Direct",
            ["abuse@hosting.example"] = "NetworkOwner",
        }, byRecipient);
        Assert.Equal(5, summary.WarningsWritten);

        var webshop = mails.Single(m => m.To.Mailboxes.Single().Address == "webshop@jansen-webshop.example");
        Assert.Contains("192.0.2.41", webshop.TextBody, StringComparison.Ordinal);
        Assert.Contains("192.0.2.42", webshop.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.33", webshop.TextBody, StringComparison.Ordinal);
        var owner = mails.Single(m => m.To.Mailboxes.Single().Address == "abuse@hosting.example");
        Assert.Contains("198.51.100.5", owner.TextBody, StringComparison.Ordinal);
        Assert.Contains("198.51.100.200", owner.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_has_reference_sender_and_every_section_in_Dutch_and_English()
    {
        var runtime = NewRuntime();
        await SeedRegistryAsync(runtime);
        await runtime.CreateProcessor().ProcessFileAsync(WriteReport(Row("192.0.2.33", 64500, "NL")), null, "test", null, CancellationToken.None);

        var mail = MimeMessage.Load(Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Single());
        var text = mail.TextBody;
        Assert.Equal(runtime.Options.Service.SenderAddress, mail.From.Mailboxes.Single().Address);
        Assert.Matches(@"^\[HRLD-2026-000001\] ", mail.Subject);
        Assert.Equal("HRLD-2026-000001", mail.Headers["X-Herald-Reference"]);
        foreach (var heading in new[]
                 {
                     "Wat hebben we gezien?", "Waarom is dit gevaarlijk?", "Wat moet u nu doen?", "Is dit bericht echt?",
                     "What did we see?", "Why is this dangerous?", "What should you do now?", "Is this message genuine?",
                 })
            Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.Contains("CVE-2021-41773", text, StringComparison.Ordinal);
        Assert.Contains("Referentie: HRLD-2026-000001", text, StringComparison.Ordinal);
        Assert.Contains("Reference: HRLD-2026-000001", text, StringComparison.Ordinal);
        await using var db = runtime.Database.Open();
        var stored = await db.Notifications.SingleAsync();
        Assert.Contains($"Verification code: {stored.VerificationCode}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processing_the_same_report_twice_creates_no_new_events_directives_or_warnings()
    {
        var runtime = NewRuntime();
        await SeedRegistryAsync(runtime);
        var report = WriteReport(Row("192.0.2.33", 64500, "NL"), Row("198.51.100.200", 64501, "NL"), "\"broken\",row");

        var first = await runtime.CreateProcessor().ProcessFileAsync(report, null, "test", null, CancellationToken.None);
        var copy = Path.Combine(_dir.Path, "scan_http_vulnerable.csv");
        File.Copy(report, copy);
        var second = await runtime.CreateProcessor().ProcessFileAsync(report, null, "test", null, CancellationToken.None);
        var third = await runtime.CreateProcessor().ProcessFileAsync(copy, null, "other-source", null, CancellationToken.None);

        Assert.False(first.AlreadyProcessed);
        Assert.Equal(2, first.WarningsWritten);
        Assert.True(second.AlreadyProcessed);
        Assert.True(third.AlreadyProcessed);
        Assert.Equal(0, second.WarningsWritten + third.WarningsWritten);
        await using var db = runtime.Database.Open();
        Assert.Equal(1, await db.Reports.CountAsync());
        Assert.Equal(2, await db.Events.CountAsync());
        Assert.Equal(1, await db.Rejections.CountAsync());
        Assert.Equal(2, await db.Directives.CountAsync());
        Assert.Equal(2, await db.Notifications.CountAsync());
        Assert.Equal(2, Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Length);
    }

    [Fact]
    public async Task An_interrupted_report_is_parsed_again_without_duplicates_and_warned_once()
    {
        var runtime = NewRuntime();
        await SeedRegistryAsync(runtime);
        var report = WriteReport(Row("192.0.2.33", 64500, "NL"), Row("192.0.2.34", 64500, "NL"));
        await runtime.CreateProcessor().ProcessFileAsync(report, null, "test", null, CancellationToken.None);

        // As if the process had died after storing events but before marking the report parsed.
        await using (var db = runtime.Database.Open())
        {
            var stored = await db.Reports.SingleAsync();
            stored.Status = ReportStatus.Received;
            await db.SaveChangesAsync();
        }
        var again = await runtime.CreateProcessor().ProcessFileAsync(report, null, "test", null, CancellationToken.None);

        Assert.False(again.AlreadyProcessed);
        Assert.Equal(2, again.Events);
        Assert.Equal(0, again.WarningsCreated);
        await using var check = runtime.Database.Open();
        Assert.Equal(2, await check.Events.CountAsync());
        Assert.Equal(2, await check.Directives.CountAsync());
        Assert.Equal(1, await check.Notifications.CountAsync());
    }

    [Fact]
    public async Task Rejected_rows_are_kept_with_line_raw_text_and_reason()
    {
        var runtime = NewRuntime();
        await SeedRegistryAsync(runtime);
        var report = WriteReport(Row("192.0.2.33", 64500, "NL"), Row("999.1.1.1", 64500, "NL"), "\"2026-11-01 10:00:00\",192.0.2.35");

        var summary = await runtime.CreateProcessor().ProcessFileAsync(report, null, "test", null, CancellationToken.None);

        Assert.Equal(3, summary.Rows);
        Assert.Equal(1, summary.Events);
        Assert.Equal(2, summary.Rejections);
        await using var db = runtime.Database.Open();
        var rejections = await db.Rejections.OrderBy(r => r.Line).ToListAsync();
        Assert.Equal(3, rejections[0].Line);
        Assert.Contains("999.1.1.1", rejections[0].Raw, StringComparison.Ordinal);
        Assert.Contains("source.ip", rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(4, rejections[1].Line);
        Assert.Contains("columns", rejections[1].Reason, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Herald.Decide;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Forward;

/// <summary>A report processed end to end: the partner's cases leave as one forward in its format, once.</summary>
public sealed class ForwardPipelineTests : IDisposable
{
    private const string Header =
        "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Row(string ip) =>
        $"\"2026-11-01 10:00:00\",{ip},tcp,443,,\"cve-2021-41773\",64500,NL,Region,City,0,0,HTTP/1.1,200";

    [Fact]
    public async Task A_partners_cases_from_a_report_are_forwarded_once_as_one_XARF_message_beside_the_ordinary_warnings()
    {
        var runtime = new HeraldRuntime(new HeraldOptions
        {
            DataDirectory = Path.Combine(_dir.Path, "data"),
            SchemaPath = TestData.SchemaPath,
            XarfSchemaDirectory = TestData.XarfSchemasDir,
            RoutingDirectory = Path.Combine(_dir.Path, "no-routing"),
        }, new TestTime(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero)));
        await runtime.InitialiseAsync(CancellationToken.None);
        await using (var db = runtime.Database.Open())
        {
            db.Partners.Add(new Partner
            {
                Code = "z-cert",
                Name = "Z-CERT",
                Kind = PartnerKind.Cert,
                Email = "meldingen@z-cert.example",
                Format = ForwardFormat.Xarf,
            });
            db.Organisations.AddRange(
                new Organisation
                {
                    KvkNumber = "10000002",
                    Name = "Zorggroep Oost",
                    Sector = "zorg",
                    PartnerCode = "z-cert",
                    Assets = [new OrganisationAsset { Kind = AssetKind.Network, Value = "192.0.2.16/28" }],
                },
                new Organisation
                {
                    KvkNumber = "10000003",
                    Name = "Bakkerij Jansen B.V.",
                    Sector = "retail",
                    Assets = [new OrganisationAsset { Kind = AssetKind.Network, Value = "192.0.2.32/28" }],
                    Contacts = [new Contact { Email = "security@bakkerij-jansen.example" }],
                });
            await db.SaveChangesAsync();
        }
        var report = Path.Combine(_dir.Path, "2026-11-01-scan_http_vulnerable-nl-geo.csv");
        File.WriteAllText(report, Header + "\n" + string.Join("\n", Row("192.0.2.17"), Row("192.0.2.18"), Row("192.0.2.19"), Row("192.0.2.33")) + "\n");
        var processor = runtime.CreateProcessor();

        var summary = await processor.ProcessFileAsync(report, null, "test", null, CancellationToken.None);

        Assert.Equal(3, summary.Routes[Route.Partner]);
        Assert.Equal(2, summary.WarningsCreated);
        Assert.Equal(2, summary.WarningsWritten);
        var mails = Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var forward = mails.Single(m => m.To.Mailboxes.Single().Address == "meldingen@z-cert.example");
        Assert.Equal("Partner", forward.Headers["X-Herald-Route"]);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(forward.Attachments));
        using (var content = new MemoryStream())
        {
            attachment.Content!.DecodeTo(content);
            using var json = JsonDocument.Parse(content.ToArray());
            var reports = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(3, reports.Count);
            foreach (var r in reports) Assert.Empty(ForwardFixture.XarfSchemas.Validate(r));
            Assert.All(reports, r => Assert.Equal("cve", r.GetProperty("type").GetString()));
        }
        Assert.Contains(mails, m => m.To.Mailboxes.Single().Address == "security@bakkerij-jansen.example");

        // Where analysts see warnings: the forward, with its route and partner, delivered.
        await using (var db = runtime.Database.Open())
        {
            var stored = await db.Notifications.AsNoTracking().SingleAsync(n => n.PartnerCode == "z-cert");
            Assert.Equal((Route.Partner, DeliveryStatus.Delivered, 3), (stored.Route, stored.Status, stored.AssetCount));
            Assert.Equal(forward.Headers["X-Herald-Reference"], stored.Reference);
        }

        // A second run (a restart, resume) forwards and sends nothing new.
        Assert.Equal((0, 0), await processor.NotifyAsync(CancellationToken.None));
        Assert.Equal(2, Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Length);
    }
}

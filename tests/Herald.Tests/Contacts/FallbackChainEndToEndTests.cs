using System.Net;
using Herald.Contacts;
using Herald.Decide;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Contacts;

/// <summary>
/// The fallback chain through the real pipeline: a report about one address of a registered organisation is processed
/// again and again while its contacts disappear or bounce, and each step of the chain is chosen in turn. RDAP is served
/// by a real HTTP server on loopback, the RIPE split files are imported, security.txt comes through its seam.
/// </summary>
public sealed class FallbackChainEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(Start);
    private int _reports;

    public void Dispose() => _dir.Dispose();

    /// <summary>security.txt as the fetcher would report it: a table of domains to contacts that the test changes.</summary>
    private sealed class PublishedSecurityTxt : ISecurityTxtContacts
    {
        public Dictionary<string, List<DiscoveredContact>> Files { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Task<IReadOnlyList<DiscoveredContact>> FindAsync(string domain, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DiscoveredContact>>(Files.GetValueOrDefault(domain) ?? []);
    }

    [Fact]
    public async Task Each_step_of_the_chain_is_chosen_in_turn_as_the_earlier_contacts_disappear_or_bounce()
    {
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Path.Combine(_dir.Path, "data"), SchemaPath = TestData.SchemaPath }, _time);
        await runtime.InitialiseAsync(CancellationToken.None);
        await using (var db = runtime.Database.Open())
        {
            db.Organisations.Add(new Organisation
            {
                KvkNumber = "12345678",
                Name = "Bakkerij Jansen B.V.",
                Sector = "retail",
                Assets = [new() { Kind = AssetKind.Network, Value = "198.51.100.128/26" }, new() { Kind = AssetKind.Domain, Value = "bakkerij-jansen.example" }],
                Contacts = [new() { Email = "info@bakkerij-jansen.example", Phone = "+31 20 123 4567", VerifiedAt = Start.AddDays(-30) }],
            });
            db.NetworkOwners.Add(new NetworkOwner { Asn = 64500, Name = "Example Hosting", AbuseEmail = "noc@hosting-owner.example" });
            await db.SaveChangesAsync();
            await new RipeImporter(db, _time).ImportFilesAsync(await WriteRipeFilesAsync(), CancellationToken.None);
        }

        await using var rdapServer = await LoopbackHttpServer.StartAsync();
        rdapServer.Serve("/rdap/ip/198.51.100.130", """
            {"objectClassName":"ip network","handle":"NET-198-51-100-0","entities":[{"handle":"EH","roles":["registrant"],"entities":[
              {"handle":"EH-ABUSE","roles":["abuse"],"vcardArray":["vcard",[["version",{},"text","4.0"],["email",{},"text","abuse@rdap-hosting.example"]]]}]}]}
            """);
        var bootstrap = new RdapBootstrap();
        bootstrap.Add("ipv4.json", System.Text.Encoding.UTF8.GetBytes($$"""{"services":[[["198.51.100.0/24"],["{{rdapServer.Address}}rdap/"]]]}"""));
        using var http = new HttpClient();
        var securityTxt = new PublishedSecurityTxt();
        securityTxt.Files["bakkerij-jansen.example"] =
            [new("security@bakkerij-jansen.example", ContactKind.Email, ContactSource.SecurityTxt, "https://bakkerij-jansen.example/.well-known/security.txt", Start)];
        var discovery = new ContactDiscovery(securityTxt, new RdapClient(http, bootstrap, new RdapOptions(), _time), _time);
        var asns = new Dictionary<long, IPAddress?> { [64500] = IPAddress.Parse("198.51.100.130") };
        await using (var db = runtime.Database.Open()) Assert.Empty(await discovery.RefreshAsync(db, asns, CancellationToken.None));

        // 1. The organisation's security.txt.
        var first = await ProcessAsync(runtime);
        Assert.Equal((Route.Direct, "security@bakkerij-jansen.example", null), (first.Route, first.RecipientEmail, first.RecipientPhone));
        Assert.Contains("chosen: security@bakkerij-jansen.example (email, security.txt: https://bakkerij-jansen.example/.well-known/security.txt, verified 2026-11-02 08:00 UTC)", first.Contacts);
        foreach (var alternative in new[] { "info@bakkerij-jansen.example", "+31201234567", "abuse@rdap-hosting.example", "abuse@ripe-hosting.example", "noc@hosting-owner.example" })
            Assert.Contains("alternative: " + alternative, first.Contacts, StringComparison.Ordinal);
        await using (var web = await RunningWeb.StartAsync(runtime))
        {
            await using var db = runtime.Database.Open();
            var reference = await db.Notifications.Where(n => n.Id == first.NotificationId).Select(n => n.Reference).SingleAsync();
            var page = await web.Client.GetStringAsync($"/warnings/{reference}");
            Assert.Contains("chosen: security@bakkerij-jansen.example", page, StringComparison.Ordinal);
            Assert.Contains("alternative: abuse@rdap-hosting.example (email, RDAP abuse contact", page, StringComparison.Ordinal);
        }

        // 2. security.txt is gone: the registry's e-mail address.
        securityTxt.Files.Clear();
        await using (var db = runtime.Database.Open()) await discovery.RefreshAsync(db, asns, CancellationToken.None);
        var second = await ProcessAsync(runtime);
        Assert.Equal((Route.Direct, "info@bakkerij-jansen.example"), (second.Route, second.RecipientEmail));
        Assert.DoesNotContain("security@", second.Contacts, StringComparison.Ordinal);
        Assert.NotNull(second.NotificationId);

        // 3. The registry's address bounced hard: the registry's phone number, as a call task instead of an e-mail.
        await BounceAsync(runtime, "Info@Bakkerij-Jansen.example", "550 5.1.1 user unknown");
        var third = await ProcessAsync(runtime);
        Assert.Equal((Route.Direct, null, "+31201234567"), (third.Route, third.RecipientEmail, third.RecipientPhone));
        Assert.Contains("bounced: info@bakkerij-jansen.example", third.Contacts, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 user unknown", third.Contacts, StringComparison.Ordinal);
        Assert.Null(third.NotificationId);
        await using (var db = runtime.Database.Open())
        {
            var call = await db.CallTasks.SingleAsync(c => c.Id == third.CallTaskId);
            Assert.Equal("+31201234567", call.Phone);
            Assert.Contains("Bakkerij Jansen B.V.", call.ScriptNl, StringComparison.Ordinal);
            Assert.Contains("Remote Desktop", call.ScriptEn, StringComparison.Ordinal);
            Assert.True(await new CallTasks(runtime.Options.Service, runtime.Composer, _time)
                .RecordAsync(db, call.Id, CallOutcome.Reached, "IT supplier will close RDP", "analyst", CancellationToken.None));
            Assert.True(await db.Audit.AnyAsync(a => a.Action == "call.recorded" && a.Detail == "Reached: IT supplier will close RDP"));
        }

        // 4. The phone number is no longer in the registry: the network owner's abuse contact from RDAP.
        await using (var db = runtime.Database.Open())
            await db.Contacts.ExecuteDeleteAsync();
        var fourth = await ProcessAsync(runtime);
        Assert.Equal((Route.NetworkOwner, "abuse@rdap-hosting.example", "Example Hosting"), (fourth.Route, fourth.RecipientEmail, fourth.RecipientName));
        Assert.Contains("chosen: abuse@rdap-hosting.example (email, RDAP abuse contact", fourth.Contacts, StringComparison.Ordinal);

        // 5. The RDAP address bounced: the abuse-mailbox of the RIPE database.
        await BounceAsync(runtime, "abuse@rdap-hosting.example", "mailbox full for 30 days");
        var fifth = await ProcessAsync(runtime);
        Assert.Equal((Route.NetworkOwner, "abuse@ripe-hosting.example"), (fifth.Route, fifth.RecipientEmail));
        Assert.Contains("chosen: abuse@ripe-hosting.example (email, RIPE database abuse-mailbox: RIPE 198.51.100.0 - 198.51.100.255 (abuse-c AB1-RIPE)", fifth.Contacts, StringComparison.Ordinal);

        // 6. That bounced too: the network owner table.
        await BounceAsync(runtime, "abuse@ripe-hosting.example", "domain has no MX");
        var sixth = await ProcessAsync(runtime);
        Assert.Equal((Route.NetworkOwner, "noc@hosting-owner.example"), (sixth.Route, sixth.RecipientEmail));

        // 7. Nothing is left: an analyst must find a recipient, and sees what was tried.
        await BounceAsync(runtime, "noc@hosting-owner.example", "550 no such user");
        var last = await ProcessAsync(runtime);
        Assert.Equal((Route.HoldForReview, null, null), (last.Route, last.RecipientEmail, last.RecipientPhone));
        Assert.Contains("bounced: noc@hosting-owner.example", last.Contacts, StringComparison.Ordinal);
        Assert.Contains("no abuse contact is known for AS64500", last.Reasons, StringComparison.Ordinal);
    }

    private async Task BounceAsync(HeraldRuntime runtime, string address, string reason)
    {
        _time.Now = _time.Now.AddHours(1);
        await using var db = runtime.Database.Open();
        await new ContactBook(db).MarkHardBounceAsync(address, reason, _time.Now, "tracking", CancellationToken.None);
    }

    /// <summary>A new report (real Shadowserver format) about 198.51.100.130 through the whole pipeline; returns its directive.</summary>
    private async Task<StoredDirective> ProcessAsync(HeraldRuntime runtime)
    {
        _reports++;
        // A week and a day apart, so that the shipped rules' duplicate window (7 days) does not suppress the next warning.
        _time.Now = _time.Now.AddDays(8);
        var seen = _time.Now.AddHours(-1).UtcDateTime;
        var path = Path.Combine(_dir.Path, $"{seen:yyyy-MM-dd}-scan_rdpeudp-nl-geo.csv");
        await File.WriteAllTextAsync(path,
            "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"sessionid\",\"response_size\",\"amplification\"\n" +
            $"\"{seen:yyyy-MM-dd HH:mm:ss}\",198.51.100.130,udp,3389,,rdpeudp,64500,NL,Noord-Holland,Amsterdam,0,0,{_reports:x8},1232,77.00\n");
        var summary = await runtime.CreateProcessor().ProcessFileAsync(path, null, "test", null, CancellationToken.None);
        Assert.Equal(1, summary.Events);
        await using var db = runtime.Database.Open();
        return await db.Directives.AsNoTracking().SingleAsync(d => d.ReportId == summary.ReportId);
    }

    private async Task<string[]> WriteRipeFilesAsync()
    {
        var inetnum = Path.Combine(_dir.Path, "ripe.db.inetnum");
        var role = Path.Combine(_dir.Path, "ripe.db.role");
        await File.WriteAllTextAsync(inetnum, """
            inetnum:        198.51.100.0 - 198.51.100.255
            netname:        EXAMPLE-HOSTING
            abuse-c:        AB1-RIPE
            source:         RIPE

            """);
        await File.WriteAllTextAsync(role, """
            role:           Example Hosting abuse desk
            nic-hdl:        AB1-RIPE
            abuse-mailbox:  abuse@ripe-hosting.example
            source:         RIPE

            """);
        return [inetnum, role];
    }
}

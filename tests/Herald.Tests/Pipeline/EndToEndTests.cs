using System.Net;
using Herald.Decide;
using Herald.Registry;
using Herald.Storage;
using Herald.Tests.Registry;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Pipeline;

/// <summary>
/// From a generated Shadowserver report (real format, addresses in a generated registry's networks, in
/// unregistered Dutch space and abroad) to .eml files, with the expected route of every event worked
/// out here independently from the registry itself.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [RegistryTestPaths.RoutingFact]
    public async Task A_generated_report_becomes_warnings_to_the_right_recipient_by_the_right_route()
    {
        var routing = RegistryTestPaths.Routing;
        var runtime = new HeraldRuntime(new HeraldOptions
        {
            DataDirectory = Path.Combine(_dir.Path, "data"),
            SchemaPath = RegistryTestPaths.SchemaPath,
        }, new TestTime(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero)), routing);
        await runtime.InitialiseAsync(CancellationToken.None);
        var registry = new SyntheticRegistry(routing).Generate(new SyntheticRegistryOptions { Organisations = 150, Seed = 7 });
        await using (var db = runtime.Database.Open()) await registry.SaveAsync(db, CancellationToken.None);

        var addresses = SyntheticAddresses.Create(routing, registry.Organisations);
        var report = new SyntheticReport(runtime.Schema.Find("scan_http_vulnerable")!, routing);
        var path = Path.Combine(_dir.Path, report.FileName(new DateOnly(2026, 11, 1)));
        await using (var writer = new StreamWriter(path))
            await report.WriteAsync(writer, 600, new DateOnly(2026, 11, 1),
                SyntheticAddresses.Mix((0.6, addresses.InRegistry), (0.3, addresses.DutchUnregistered), (0.1, addresses.Abroad)), 7, CancellationToken.None);

        var summary = await runtime.CreateProcessor().ProcessFileAsync(path, null, "test", null, CancellationToken.None);
        Assert.Equal(600, summary.Events);
        Assert.Equal(0, summary.Rejections);

        var expected = new ExpectedRoutes(registry);
        var mails = Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f))
            .ToDictionary(m => m.Headers["X-Herald-Reference"]!);
        await using var check = runtime.Database.Open();
        var decided = await check.Directives.AsNoTracking()
            .Join(check.Events, d => d.EventId, e => e.Id, (d, e) => new { d.Route, d.RecipientEmail, d.NotificationId, d.Reasons, e.Line, e.SourceIp, e.CountryCode, e.SourceAsn })
            .OrderBy(d => d.Line).ToListAsync();
        var references = await check.Notifications.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Reference);

        Assert.Equal(600, decided.Count);
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in decided)
        {
            var (route, recipient) = expected.For(IPAddress.Parse(d.SourceIp!), d.CountryCode, d.SourceAsn);
            // An address that appears twice in the report may be counted as a duplicate (suppressed) the second time.
            if (d.Route == Route.Suppressed && route is not (Route.Discard or Route.HoldForReview) && !warned.Add(d.SourceIp!)) (route, recipient) = (Route.Suppressed, null);
            else warned.Add(d.SourceIp!);
            Assert.True(route == d.Route, $"{d.SourceIp}: expected {route}, got {d.Route}: {d.Reasons}");
            Assert.Equal(recipient, d.RecipientEmail);
            if (recipient is null || d.Route == Route.HoldForReview)
            {
                Assert.Null(d.NotificationId);
                continue;
            }
            var mail = mails[references[d.NotificationId!.Value]];
            Assert.Equal(recipient, mail.To.Mailboxes.Single().Address);
            Assert.Equal(route.ToString(), mail.Headers["X-Herald-Route"]);
        }
        foreach (var route in new[] { Route.Direct, Route.HoldForReview, Route.Partner, Route.NetworkOwner, Route.Discard })
            Assert.True(summary.Routes.GetValueOrDefault(route) > 0, $"the generated report exercises {route}");
        Assert.Equal(mails.Count, decided.Where(d => d.RecipientEmail is not null && d.Route != Route.HoldForReview).Select(d => (d.Route, d.RecipientEmail)).Distinct().Count());
    }

    /// <summary>The routing rules, written out plainly against the generated registry.</summary>
    private sealed class ExpectedRoutes(SyntheticRegistryResult registry)
    {
        private readonly List<(IPNetwork Network, Organisation Organisation)> _networks = registry.Organisations
            .SelectMany(o => o.Assets.Where(a => a.Kind == AssetKind.Network).Select(a => (IPNetwork.Parse(a.Value), o)))
            .ToList();

        public (Route Route, string? Recipient) For(IPAddress ip, string? country, long? asn)
        {
            if (country is not null and not "NL") return (Route.Discard, null);
            var org = _networks.Where(n => n.Network.Contains(ip)).OrderByDescending(n => n.Network.PrefixLength)
                .Select(n => n.Organisation).FirstOrDefault();
            if (org is null && country is null) return (Route.HoldForReview, null);
            // The report is of a critical type: the shipped rules hold it for four-eyes review before the national CSIRT is warned.
            if (org is { Vital: true }) return (Route.HoldForReview, Partner("ncsc"));
            if (org is { PartnerCode: { } code }) return (Route.Partner, Partner(code));
            if (org?.Contacts.FirstOrDefault(c => !string.IsNullOrEmpty(c.Email)) is { } contact) return (Route.Direct, contact.Email);
            // An organisation with only a phone number is called (a call task, no e-mail recipient).
            if (org?.Contacts.Any(c => !string.IsNullOrEmpty(c.Phone)) == true) return (Route.Direct, null);
            var owner = registry.NetworkOwners.FirstOrDefault(o => o.Asn == asn);
            return owner is null ? (Route.HoldForReview, null) : (Route.NetworkOwner, owner.AbuseEmail);
        }

        private string Partner(string code) => registry.Partners.Single(p => p.Code == code).Email;
    }
}

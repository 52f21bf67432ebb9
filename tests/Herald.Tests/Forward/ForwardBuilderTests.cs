using Herald.Decide;
using Herald.Deliver;
using Herald.Forward;
using Herald.Storage;
using Herald.Tests.Deliver;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Forward;

/// <summary>One forward per partner per run, written with its outbox row, and never the same cases twice.</summary>
public sealed class ForwardBuilderTests
{
    [Fact]
    public async Task All_cases_of_a_partner_in_a_run_become_one_forward_and_a_second_run_forwards_nothing_new()
    {
        await using var fixture = await ForwardFixture.CreateAsync();
        var zcert = await fixture.AddPartnerAsync("z-cert", PartnerChannel.Email, ForwardFormat.Csv);
        var ibd = await fixture.AddPartnerAsync("ibd", PartnerChannel.Email, ForwardFormat.IntelMqJson);
        var zorg = await fixture.AddOrganisationAsync("10000002", "Zorggroep Oost", "z-cert");
        var kliniek = await fixture.AddOrganisationAsync("10000003", "Kliniek West", "z-cert");
        var gemeente = await fixture.AddOrganisationAsync("10000004", "Gemeente Noord", "ibd");
        var cases = ForwardFixture.ThreeCases();
        await fixture.AddCasesAsync(zcert, zorg, cases[0], cases[1]);
        await fixture.AddCasesAsync(zcert, kliniek, cases[2]);
        await fixture.AddCasesAsync(ibd, gemeente, ForwardFixture.Case("198.51.100.7", 445, "vulnerable", "vulnerable-system", "open-smb", "Accessible-SMB"));

        Assert.Equal(2, await fixture.CreateForwardsAsync());

        var forwards = await fixture.NotificationsAsync();
        Assert.Equal(["ibd", "z-cert"], forwards.Select(f => f.PartnerCode));
        Assert.All(forwards, f => Assert.Equal(Route.Partner, f.Route));
        Assert.All(forwards, f => Assert.Equal(DeliveryStatus.Pending, f.Status));
        Assert.Equal([1, 3], forwards.Select(f => f.AssetCount));
        Assert.Equal(["meldingen@ibd.example", "meldingen@z-cert.example"], forwards.Select(f => f.RecipientEmail));
        var z = forwards[1];
        Assert.Matches(@"^\[HRLD-2026-00000[12]\] Doorgestuurde meldingen / Forwarded cases: 3 \(Z-CERT\)$", z.Subject);
        Assert.Contains("(2 bij ons geregistreerde organisaties)", z.BodyText, StringComparison.Ordinal);
        Assert.Contains($"in de bijlage {z.Reference}-cases.csv (CSV)", z.BodyText, StringComparison.Ordinal);
        Assert.Contains("andromeda (1), open-rdp (1), vulnerable-http (1)", z.BodyText, StringComparison.Ordinal);
        await using (var db = fixture.Database.Open())
        {
            Assert.Equal(0, await db.Directives.CountAsync(d => d.NotificationId == null));
            Assert.Equal(3, await db.Directives.CountAsync(d => d.NotificationId == z.Id));
            var rows = await db.PartnerForwards.AsNoTracking().OrderBy(f => f.NotificationId).ToListAsync();
            Assert.Equal([ForwardFormat.IntelMqJson, ForwardFormat.Csv], rows.Select(r => r.Format));
            Assert.Equal(2, rows.Select(r => r.CaseKey).Distinct().Count());
            Assert.Equal(2, await db.Audit.CountAsync(a => a.Action == "forward.created"));
        }

        // Nothing new: no forward. Delivered once; the next run sends nothing.
        Assert.Equal(0, await fixture.CreateForwardsAsync());
        var outbox = fixture.Outbox(new PickupFolderChannel(Path.Combine(fixture.Directory, "pickup")));
        Assert.Equal(2, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);
        Assert.Equal(0, (await outbox.DeliverDueAsync(CancellationToken.None)).Tried);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(fixture.Directory, "pickup"), "*.eml").Length);

        // A later case of the same partner is a forward of its own, with that case alone.
        await fixture.AddCasesAsync(zcert, zorg, ForwardFixture.Case("192.0.2.20", 3389, "vulnerable", "vulnerable-system", "open-rdp", "Accessible-RDP"));
        Assert.Equal(1, await fixture.CreateForwardsAsync());
        Assert.Equal(1, (await fixture.NotificationsAsync())[^1].AssetCount);
    }

    [Fact]
    public void The_same_cases_have_the_same_case_key_whatever_their_order()
    {
        Assert.Equal(ForwardBuilder.CaseKey("z-cert", [3, 1, 2]), ForwardBuilder.CaseKey("z-cert", [1, 2, 3]));
        Assert.NotEqual(ForwardBuilder.CaseKey("z-cert", [1, 2, 3]), ForwardBuilder.CaseKey("ibd", [1, 2, 3]));
        Assert.NotEqual(ForwardBuilder.CaseKey("z-cert", [1, 2, 3]), ForwardBuilder.CaseKey("z-cert", [1, 2]));
    }

    [Fact]
    public async Task An_XARF_report_that_does_not_validate_is_not_sent_and_the_forward_fails_with_the_reason()
    {
        await using var fixture = await ForwardFixture.CreateAsync();
        // X-ARF limits an organisation's name to 200 characters.
        var service = Warnings.Service with { SenderName = "Herald " + new string('w', 220) };
        var partner = await fixture.AddPartnerAsync("z-cert", PartnerChannel.Email, ForwardFormat.Xarf);
        await fixture.AddCasesAsync(partner, null, ForwardFixture.ThreeCases());
        Assert.Equal(1, await fixture.CreateForwardsAsync(service));
        var pickup = Path.Combine(fixture.Directory, "pickup");

        var run = await fixture.Outbox(new PickupFolderChannel(pickup), service: service).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, run.Failed);
        var failed = Assert.Single(await fixture.NotificationsAsync());
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("is not valid X-ARF v4", failed.FailureReason, StringComparison.Ordinal);
        Assert.True(failed.FailureReason!.Contains("/reporter/org", StringComparison.Ordinal), failed.FailureReason);
        Assert.False(Directory.Exists(pickup) && Directory.EnumerateFiles(pickup).Any());
    }

    [Fact]
    public void A_bearer_token_that_could_inject_a_header_is_refused_at_start_without_showing_it()
    {
        var error = Assert.Throws<UserException>(() => new BearerTokens(new Dictionary<string, string> { ["z-cert"] = "abc\r\nX-Evil: 1" }));

        Assert.Contains("Forward:Tokens:z-cert", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
        var tokens = new BearerTokens(new Dictionary<string, string> { ["z-cert"] = "tok-3f9a7c==" });
        Assert.Equal("tok-3f9a7c==", tokens.For("Z-CERT"));
        Assert.Null(tokens.For("ibd"));
        Assert.Equal("tokens for Z_CERT", tokens.ToString());
    }
}

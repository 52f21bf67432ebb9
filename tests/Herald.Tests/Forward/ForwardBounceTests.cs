using Herald.Cases;
using Herald.Deliver;
using Herald.Storage;
using Herald.Tests.Cases;
using Herald.Tests.Deliver;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Forward;

/// <summary>A forward whose partner address bounces fails: its members' cases never go to anyone else.</summary>
public sealed class ForwardBounceTests
{
    [Fact]
    public async Task A_hard_bounce_of_a_forward_fails_it_instead_of_moving_it_to_a_members_or_network_owners_address()
    {
        await using var fixture = await ForwardFixture.CreateAsync();
        var partner = await fixture.AddPartnerAsync("z-cert", PartnerChannel.Email, ForwardFormat.Csv);
        var member = await fixture.AddOrganisationAsync("10000002", "Zorggroep Oost", "z-cert");
        await using (var db = fixture.Database.Open())
        {
            db.Contacts.Add(new Contact { OrganisationId = member.Id, Email = "ict@zorggroep-oost.example" });
            db.NetworkOwners.Add(new NetworkOwner { Asn = 64500, Name = "Voorbeeld Hosting B.V.", AbuseEmail = "abuse@hosting.example" });
            await db.SaveChangesAsync();
        }
        await fixture.AddCasesAsync(partner, member, ForwardFixture.ThreeCases());
        Assert.Equal(1, await fixture.CreateForwardsAsync());
        var pickup = Path.Combine(fixture.Directory, "pickup");
        Assert.Equal(1, (await fixture.Outbox(new PickupFolderChannel(pickup)).DeliverDueAsync(CancellationToken.None)).Delivered);
        var sent = MimeMessage.Load(Directory.GetFiles(pickup, "*.eml").Single());

        await new InboundMailHandler(fixture.Database, Warnings.Service, fixture.Time)
            .HandleAsync(Bounces.For(sent, "meldingen@z-cert.example", "5.1.1"), CancellationToken.None);

        var forward = Assert.Single(await fixture.NotificationsAsync());
        Assert.Equal(DeliveryStatus.Failed, forward.Status);
        Assert.Equal("meldingen@z-cert.example", forward.RecipientEmail);
        Assert.Contains("no further contact", forward.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, (await fixture.Outbox(new PickupFolderChannel(pickup)).DeliverDueAsync(CancellationToken.None)).Tried);
        await using var check = fixture.Database.Open();
        Assert.False(await check.Notifications.AnyAsync(n => n.RecipientEmail != "meldingen@z-cert.example"));
    }
}

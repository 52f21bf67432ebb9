using Herald.Notify;
using Herald.Cases;
using Herald.Deliver;
using Herald.Storage;
using Herald.Tests.Deliver;
using Herald.Tests.Support;
using MailKit;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Cases;

/// <summary>Bounces and replies read from a real IMAP server (dovecot); the warning moves along the contact chain through a real SMTP server.</summary>
public sealed class BounceMailboxTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static async Task<(long OrganisationId, Notification Warning)> SeedAsync(HeraldDatabase database)
    {
        await using var db = database.Open();
        var organisation = new Organisation
        {
            KvkNumber = "12345678",
            Name = "Bakkerij Jansen",
            Contacts =
            [
                new Contact { Email = "security@bakkerij-jansen.example" },
                new Contact { Phone = "+31 20 000 00 00" },
                new Contact { Email = "info@bakkerij-jansen.example" },
            ],
        };
        db.Organisations.Add(organisation);
        db.NetworkOwners.Add(new NetworkOwner { Asn = 64500, Name = "Hosting BV", AbuseEmail = "abuse@hosting.example" });
        var report = new Report { SourceName = "test", FileName = "r.csv", ContentHash = "00", ReceivedAt = Start };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        var stored = new StoredEvent { ReportId = report.Id, Line = 2, SourceIp = "192.0.2.33", SourceAsn = 64500, OrganisationId = organisation.Id, Json = "{}" };
        db.Events.Add(stored);
        await db.SaveChangesAsync();
        var warning = await Warnings.AddAsync(database, "security@bakkerij-jansen.example", Start, organisation.Id);
        db.Directives.Add(new StoredDirective
        {
            EventId = stored.Id,
            ReportId = report.Id,
            Route = Herald.Decide.Route.Direct,
            RecipientEmail = warning.RecipientEmail,
            OrganisationId = organisation.Id,
            Template = "open-rdp",
            AggregationKey = "k",
            Reasons = "test",
            NotificationId = warning.Id,
        });
        await db.SaveChangesAsync();
        return (organisation.Id, warning);
    }

    private static Outbox OutboxFor(TempDatabase temp, SmtpTestServer smtp, TimeProvider time) =>
        new(temp.Database, new SmtpChannel(smtp.Options), Warnings.Messages(), new DeliveryOptions { MaxPerMinutePerDomain = 0 }, time);

    private static BounceMailbox MailboxFor(TempDatabase temp, DovecotServer imap, TimeProvider time) => new(
        new MailboxOptions { Host = imap.Host, Port = imap.Port, Security = TransportSecurity.None, User = imap.User, Password = imap.Password },
        new InboundMailHandler(temp.Database, Warnings.Service, time));

    [ProgramFact("dovecot")]
    public async Task A_hard_bounce_in_the_mailbox_makes_the_next_contacts_in_the_chain_receive_the_warning_once_each()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        await using var imap = await DovecotServer.StartAsync();
        var time = new TestTime(Start);
        var (_, warning) = await SeedAsync(temp.Database);
        var outbox = OutboxFor(temp, smtp, time);
        var mailbox = MailboxFor(temp, imap, time);

        Assert.Equal(1, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);
        var first = Assert.Single(smtp.Received());

        await imap.AppendAsync(Bounces.For(first, "security@bakkerij-jansen.example", "5.1.1"));
        Assert.Equal(1, await mailbox.ReadAsync(CancellationToken.None));
        Assert.Equal(1, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);

        var second = smtp.Received().Single(m => m.MessageId != first.MessageId);
        Assert.Equal("info@bakkerij-jansen.example", second.To.Mailboxes.Single().Address);
        Assert.Equal(warning.Reference.ToLowerInvariant() + ".2@herald.example", second.MessageId);
        Assert.Equal(warning.Reference, second.Headers[WarningMessageFactory.ReferenceHeader]);

        // The second contact bounces too (a bounce that carries only the headers): the network owner's abuse desk is last.
        await imap.AppendAsync(Bounces.For(second, "info@bakkerij-jansen.example", "5.2.1", headersOnly: true));
        Assert.Equal(1, await mailbox.ReadAsync(CancellationToken.None));
        await outbox.DeliverDueAsync(CancellationToken.None);

        var received = smtp.Received();
        Assert.Equal(3, received.Count);
        Assert.Equal(
            ["abuse@hosting.example", "info@bakkerij-jansen.example", "security@bakkerij-jansen.example"],
            received.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.Equal(0, await mailbox.ReadAsync(CancellationToken.None));
        Assert.All(await imap.ListAsync(), m => Assert.True(m.Flags!.Value.HasFlag(MessageFlags.Seen)));

        await using var db = temp.Database.Open();
        var stored = await db.Notifications.AsNoTracking().SingleAsync();
        Assert.Equal(DeliveryStatus.Delivered, stored.Status);
        Assert.Equal("abuse@hosting.example", stored.RecipientEmail);
        Assert.Equal(
            ["info@bakkerij-jansen.example", "security@bakkerij-jansen.example"],
            await db.Set<Herald.Contacts.ContactBounce>().Select(b => b.Address).OrderBy(e => e).ToListAsync());
        var inbound = await db.InboundMail.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        Assert.All(inbound, m => Assert.Equal((InboundKind.HardBounce, warning.Id), (m.Kind, m.NotificationId!.Value)));
        Assert.Contains("moved to info@bakkerij-jansen.example", inbound[0].Detail, StringComparison.Ordinal);
        Assert.Contains("moved to abuse@hosting.example", inbound[1].Detail, StringComparison.Ordinal);
    }

    [ProgramFact("dovecot")]
    public async Task Replies_auto_replies_and_soft_bounces_are_kept_with_the_warning_and_send_nothing()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        await using var imap = await DovecotServer.StartAsync();
        var time = new TestTime(Start);
        var (_, warning) = await SeedAsync(temp.Database);
        var outbox = OutboxFor(temp, smtp, time);
        var mailbox = MailboxFor(temp, imap, time);
        await outbox.DeliverDueAsync(CancellationToken.None);
        var sent = Assert.Single(smtp.Received());

        await imap.AppendAsync(Bounces.Reply(sent, "piet@bakkerij-jansen.example", "Dank u, onze leverancier sluit de poort vandaag."));
        await imap.AppendAsync(Bounces.Reply(sent, "security@bakkerij-jansen.example", "Ik ben afwezig tot maandag.", automatic: true));
        await imap.AppendAsync(Bounces.For(sent, "security@bakkerij-jansen.example", "4.2.2"));
        var stranger = new MimeKit.MimeMessage { Subject = "Vraag over HRLD-2026-999999", Body = new MimeKit.TextPart("plain") { Text = "?" } };
        stranger.From.Add(MimeKit.MailboxAddress.Parse("someone@elsewhere.example"));
        await imap.AppendAsync(stranger);
        Assert.Equal(4, await mailbox.ReadAsync(CancellationToken.None));
        Assert.Equal(0, (await outbox.DeliverDueAsync(CancellationToken.None)).Tried);

        await using var db = temp.Database.Open();
        var inbound = await db.InboundMail.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(
            [(InboundKind.Reply, (long?)warning.Id), (InboundKind.AutoReply, warning.Id), (InboundKind.SoftBounce, warning.Id), (InboundKind.Reply, null)],
            inbound.Select(m => (m.Kind, m.NotificationId)));
        Assert.Contains("leverancier", inbound[0].Text, StringComparison.Ordinal);
        var stored = await db.Notifications.AsNoTracking().SingleAsync();
        Assert.Equal((DeliveryStatus.Delivered, 1, "security@bakkerij-jansen.example"), (stored.Status, stored.SoftBounces, stored.RecipientEmail));
        Assert.Empty(await db.Set<Herald.Contacts.ContactBounce>().ToListAsync());
    }
}

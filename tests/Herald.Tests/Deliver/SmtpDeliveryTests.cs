using Herald.Notify;
using Herald.Deliver;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Deliver;

/// <summary>The outbox against a real SMTP server on loopback, with the faults a relay really shows.</summary>
public sealed class SmtpDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly DeliveryOptions Fast = new()
    {
        FirstRetryDelay = TimeSpan.FromMinutes(1),
        MaxRetryDelay = TimeSpan.FromMinutes(30),
        MaxAttempts = 4,
        MaxPerMinutePerDomain = 0,
    };

    private static Outbox NewOutbox(TempDatabase temp, SmtpOptions smtp, TimeProvider time, DeliveryOptions? options = null) =>
        new(temp.Database, new SmtpChannel(smtp), Warnings.Messages(), options ?? Fast, time);

    /// <summary>Runs the outbox, moving the clock past every back-off, until nothing is pending.</summary>
    private static async Task<int> RunUntilSettledAsync(Outbox outbox, TempDatabase temp, TestTime time)
    {
        for (var run = 1; run <= 20; run++)
        {
            await outbox.DeliverDueAsync(CancellationToken.None);
            await using var db = temp.Database.Open();
            var next = await db.Notifications.Where(n => n.Status == DeliveryStatus.Pending).Select(n => n.NextAttemptAt).ToListAsync();
            if (next.Count == 0) return run;
            time.Now = next.Max()!.Value;
        }
        throw new InvalidOperationException("the outbox did not settle in 20 runs");
    }

    [Fact]
    public async Task After_421_451_550_and_a_dropped_connection_each_warning_is_delivered_once_or_failed_with_the_reason()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var server = SmtpTestServer.Start();
        var time = new TestTime(Start);
        var clean = await Warnings.AddAsync(temp.Database, "security@clean.example", Start);
        var busy = await Warnings.AddAsync(temp.Database, "info@busy.example", Start);
        var greylist = await Warnings.AddAsync(temp.Database, "it@greylist.example", Start);
        var gone = await Warnings.AddAsync(temp.Database, "nobody@gone.example", Start);
        var dropped = await Warnings.AddAsync(temp.Database, "abuse@dropped.example", Start);
        var flaky = await Warnings.AddAsync(temp.Database, "ict@flaky.example", Start);
        server.Fail("info@busy.example", SmtpFault.Reply421);
        server.Fail("it@greylist.example", SmtpFault.Reply451, SmtpFault.Reply451);
        server.Fail("nobody@gone.example", SmtpFault.Reply550);
        server.Fail("abuse@dropped.example", SmtpFault.DropAfterData);
        server.Fail("ict@flaky.example", SmtpFault.Reply451, SmtpFault.Reply421, SmtpFault.DropAfterData, SmtpFault.Reply451);

        await RunUntilSettledAsync(NewOutbox(temp, server.Options, time), temp, time);

        var received = server.Received().GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        await using var db = temp.Database.Open();
        var stored = await db.Notifications.AsNoTracking().ToDictionaryAsync(n => n.Id);
        foreach (var (warning, attempts) in new[] { (clean, 1), (busy, 2), (greylist, 3), (dropped, 2) })
        {
            Assert.True(1 == received.GetValueOrDefault(warning.MessageId),
                $"{warning.RecipientEmail}: " + string.Join("; ", db.DeliveryAttempts.Where(a => a.NotificationId == warning.Id).Select(a => a.Detail)));
            Assert.Equal(DeliveryStatus.Delivered, stored[warning.Id].Status);
            Assert.Equal(attempts, stored[warning.Id].Attempts);
        }
        Assert.False(received.ContainsKey(gone.MessageId));
        Assert.Equal(DeliveryStatus.Failed, stored[gone.Id].Status);
        Assert.StartsWith("550 ", stored[gone.Id].FailureReason, StringComparison.Ordinal);
        Assert.False(received.ContainsKey(flaky.MessageId));
        Assert.Equal(DeliveryStatus.Failed, stored[flaky.Id].Status);
        Assert.Equal(4, stored[flaky.Id].Attempts);
        Assert.Contains("gave up after 4 attempts", stored[flaky.Id].FailureReason, StringComparison.Ordinal);
        Assert.Equal(received.Values.Sum(), server.Received().Count);
        Assert.Equal(4, received.Count);

        var attemptsRecorded = await db.DeliveryAttempts.AsNoTracking().ToListAsync();
        Assert.Equal(stored.Values.Sum(n => n.Attempts), attemptsRecorded.Count);
        // Every fault was met inside the SMTP conversation: each attempt reached the server once.
        Assert.Equal(server.Deliveries, attemptsRecorded.Count);
        Assert.Contains(attemptsRecorded, a => a.NotificationId == busy.Id && a.ReplyCode == 421);
        Assert.Contains(attemptsRecorded, a => a.NotificationId == gone.Id && a.ReplyCode == 550 && !a.Succeeded);
    }

    [Fact]
    public async Task While_the_relay_is_down_warnings_wait_with_growing_back_off_and_go_out_once_it_is_up()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var port = FreePort.Next();
        var time = new TestTime(Start);
        var warning = await Warnings.AddAsync(temp.Database, "security@bakkerij-jansen.example", Start);
        var outbox = NewOutbox(temp, new SmtpOptions { Host = "127.0.0.1", Port = port, Security = TransportSecurity.None }, time,
            Fast with { MaxAttempts = 10, Jitter = 0 });

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var run = await outbox.DeliverDueAsync(CancellationToken.None);
            Assert.Equal(1, run.Retrying);
            await using var db = temp.Database.Open();
            var stored = await db.Notifications.AsNoTracking().SingleAsync();
            Assert.Equal(DeliveryStatus.Pending, stored.Status);
            waits.Add(stored.NextAttemptAt!.Value - time.Now);
            Assert.Equal(0, (await outbox.DeliverDueAsync(CancellationToken.None)).Tried);
            time.Now = stored.NextAttemptAt.Value;
        }
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], waits);

        await using var server = SmtpTestServer.Start(port);
        Assert.Equal(1, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);
        Assert.Equal(0, (await outbox.DeliverDueAsync(CancellationToken.None)).Tried);

        Assert.Equal(warning.MessageId, Assert.Single(server.Received()).MessageId);
        await using var check = temp.Database.Open();
        var attempts = await check.DeliveryAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts.Take(3), a => Assert.False(a.Succeeded));
        Assert.True(attempts[3].Succeeded);
    }

    [Fact]
    public async Task A_delivered_warning_read_back_has_sender_recipient_message_id_reference_and_both_languages()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var server = SmtpTestServer.Start();
        var time = new TestTime(Start);
        var warning = await Warnings.AddAsync(temp.Database, "security@bakkerij-jansen.example", Start);

        await NewOutbox(temp, server.Options, time).DeliverDueAsync(CancellationToken.None);

        var mail = Assert.Single(server.Received());
        Assert.Equal(Warnings.Service.SenderAddress, mail.From.Mailboxes.Single().Address);
        Assert.Equal("security@bakkerij-jansen.example", mail.To.Mailboxes.Single().Address);
        Assert.Equal(warning.MessageId, mail.MessageId);
        Assert.Equal(warning.Reference.ToLowerInvariant() + "@herald.example", mail.MessageId);
        Assert.Equal(warning.Reference, mail.Headers[WarningMessageFactory.ReferenceHeader]);
        Assert.Contains(warning.Reference, mail.Subject, StringComparison.Ordinal);
        var text = mail.TextBody;
        foreach (var heading in new[] { "Wat hebben we gezien?", "Wat moet u nu doen?", "What did we see?", "What should you do now?" })
            Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.True(text!.IndexOf("Is dit bericht echt?", StringComparison.Ordinal) < text.IndexOf("Is this message genuine?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claimed_warning_is_not_sent_by_a_second_sender_until_its_lease_expires()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var server = SmtpTestServer.Start();
        var time = new TestTime(Start);
        var warning = await Warnings.AddAsync(temp.Database, "security@bakkerij-jansen.example", Start);
        await using (var db = temp.Database.Open())
        {
            // A sender that claimed it and died before recording anything.
            await db.Notifications.Where(n => n.Id == warning.Id).ExecuteUpdateAsync(u =>
                u.SetProperty(n => n.LeaseOwner, "crashed").SetProperty(n => n.LeaseExpiresAt, Start.AddMinutes(5)));
        }
        var outbox = NewOutbox(temp, server.Options, time);

        Assert.Equal(0, (await outbox.DeliverDueAsync(CancellationToken.None)).Tried);
        time.Now = Start.AddMinutes(5);
        Assert.Equal(1, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);

        Assert.Equal(warning.MessageId, Assert.Single(server.Received()).MessageId);
    }

    [Fact]
    public async Task Two_senders_running_at_once_deliver_every_warning_exactly_once()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var server = SmtpTestServer.Start();
        var time = new TestTime(Start);
        var warnings = new List<Herald.Storage.Notification>();
        for (var i = 0; i < 30; i++) warnings.Add(await Warnings.AddAsync(temp.Database, $"security@org{i % 4}.example", Start));

        var runs = await Task.WhenAll(
            NewOutbox(temp, server.Options, time).DeliverDueAsync(CancellationToken.None),
            NewOutbox(temp, server.Options, time).DeliverDueAsync(CancellationToken.None));

        Assert.Equal(30, runs.Sum(r => r.Delivered));
        var ids = server.Received().Select(m => m.MessageId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(warnings.Select(w => w.MessageId).Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Plain_SMTP_to_a_relay_that_is_not_on_loopback_is_refused_at_start()
    {
        var error = Assert.Throws<UserException>(() =>
            new SmtpChannel(new SmtpOptions { Host = "relay.example", Port = 25, Security = TransportSecurity.None }));
        Assert.StartsWith("Delivery:Smtp:Security: None (no TLS) is allowed only to a server on loopback, not to relay.example", error.Message, StringComparison.Ordinal);
    }
}

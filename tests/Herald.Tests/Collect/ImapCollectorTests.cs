using Herald.Collect;
using Herald.Storage;
using Herald.Tests.Support;
using MailKit;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Collect;

/// <summary>The IMAP collector against a real dovecot on loopback.</summary>
public sealed class ImapCollectorTests
{
    private const string ZipName = CollectTestbed.ReportName + ".zip";

    /// <summary>An e-mail as Shadowserver sends it: a short text and the report as a zipped CSV attachment.</summary>
    private static MimeMessage ShadowserverMail(params (string Name, byte[] Content)[] attachments)
    {
        var message = new MimeMessage { Subject = "[Shadowserver Report] Vulnerable HTTP Report: 2026-11-01" };
        message.From.Add(MailboxAddress.Parse("autoreports@shadowserver.example"));
        message.To.Add(MailboxAddress.Parse("reports@herald.example"));
        var body = new BodyBuilder { TextBody = "Attached is the Shadowserver Vulnerable HTTP report for your network." };
        foreach (var (name, content) in attachments) body.Attachments.Add(name, content);
        message.Body = body.ToMessageBody();
        return message;
    }

    private static (string Name, byte[] Content) ZippedReport(params string[] ips) =>
        (ZipName, CollectTestbed.Zip((CollectTestbed.ReportName, CollectTestbed.Report(ips))));

    /// <summary>The password in an environment variable of this test's own, as an operator would give it.</summary>
    private static SecretReference Password(DovecotServer imap)
    {
        var variable = "HERALD_TEST_IMAP_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, imap.Password);
        return new SecretReference(variable, null);
    }

    private static CollectorDefinition Mailbox(DovecotServer imap, string? moveTo = null, SecretReference? password = null) =>
        new("shadowserver-mail", CollectorKind.Imap, "shadowserver", TimeSpan.FromMinutes(5),
            new ImapSettings(imap.Host, imap.Port, ImapTls.None, imap.User, password ?? Password(imap), "INBOX", "$HeraldCollected", moveTo, "$HeraldFailed"));

    private static Task<CollectorOutcome> RunAsync(CollectTestbed bed, CollectorDefinition definition) =>
        new CollectorRunner(bed.Runtime.Database, bed.Time).RunAsync(bed.Factory().Create(definition), CancellationToken.None);

    [ProgramFact("dovecot")]
    public async Task A_Shadowserver_mail_becomes_a_report_with_events_and_is_then_marked_seen_and_collected()
    {
        await using var imap = await DovecotServer.StartAsync();
        await using var bed = await CollectTestbed.StartAsync();
        await imap.AppendAsync(ShadowserverMail(ZippedReport("192.0.2.1", "192.0.2.2", "192.0.2.3")));

        var outcome = await RunAsync(bed, Mailbox(imap));

        Assert.Null(outcome.Error);
        await using (var db = bed.Db())
        {
            var report = await db.Reports.SingleAsync();
            Assert.Equal(CollectTestbed.ReportName, report.FileName);
            Assert.Equal("shadowserver", report.SourceName);
            Assert.Equal(ReportStatus.Parsed, report.Status);
            Assert.Equal(3, await db.Events.CountAsync());
        }
        var message = Assert.Single(await imap.ListAsync());
        Assert.True(message.Flags!.Value.HasFlag(MessageFlags.Seen));
        Assert.Contains("$HeraldCollected", message.Keywords);

        // A second run finds nothing new: the message is marked.
        var again = await RunAsync(bed, Mailbox(imap));
        Assert.Empty(again.Run!.Deliveries);
    }

    [ProgramFact("dovecot")]
    public async Task A_mail_put_into_the_mailbox_is_picked_up_by_the_running_service_with_no_manual_step()
    {
        await using var imap = await DovecotServer.StartAsync();
        await using var bed = await CollectTestbed.StartAsync();
        var variable = "HERALD_TEST_IMAP_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, imap.Password);
        await File.WriteAllTextAsync(Path.Combine(bed.Data, "collectors.yaml"), $"""
            collectors:
              - name: shadowserver-mail
                kind: imap
                source: shadowserver
                interval: 1s
                host: {imap.Host}
                port: {imap.Port}
                tls: none
                username: {imap.User}
                password-env: {variable}
            """);
        await using var web = await RunningWeb.StartAsync(bed.Runtime);

        await imap.AppendAsync(ShadowserverMail(ZippedReport("192.0.2.1", "192.0.2.2")));

        // Waits for the worker, however slow the machine; the deadline only keeps a broken run from hanging.
        Report? report = null;
        for (var attempt = 0; attempt < 600 && report?.Status != ReportStatus.Parsed; attempt++)
        {
            await Task.Delay(100);
            await using var db = bed.Db();
            report = await db.Reports.AsNoTracking().FirstOrDefaultAsync();
        }
        Assert.Equal(ReportStatus.Parsed, report?.Status);
        await using (var db = bed.Db()) Assert.Equal(2, await db.Events.CountAsync(e => e.ReportId == report!.Id));
    }

    [ProgramFact("dovecot")]
    public async Task A_collected_mail_is_moved_to_the_configured_folder()
    {
        await using var imap = await DovecotServer.StartAsync();
        using (var client = await imap.ConnectAsync())
            await (await client.GetFolderAsync(client.PersonalNamespaces[0].Path)).CreateAsync("Processed", true);
        await using var bed = await CollectTestbed.StartAsync();
        await imap.AppendAsync(ShadowserverMail((CollectTestbed.ReportName + ".gz", CollectTestbed.Gzip(CollectTestbed.Report("192.0.2.7")))));

        var outcome = await RunAsync(bed, Mailbox(imap, moveTo: "Processed"));

        Assert.Null(outcome.Error);
        Assert.Empty(await imap.ListAsync());
        Assert.Single(await imap.ListAsync("Processed"));
        await using var db = bed.Db();
        Assert.Equal(1, await db.Events.CountAsync());
    }

    [ProgramFact("dovecot")]
    public async Task A_mail_with_hundreds_of_attachments_is_left_in_place_flagged_failed_with_the_reason_recorded()
    {
        await using var imap = await DovecotServer.StartAsync();
        await using var bed = await CollectTestbed.StartAsync(new ArchiveLimits { MaxAttachments = 50 });
        await imap.AppendAsync(ShadowserverMail([.. Enumerable.Range(1, 300).Select(i => ($"report-{i}.csv", CollectTestbed.Report("192.0.2.1")))]));
        await imap.AppendAsync(ShadowserverMail(("notes.txt", "no report here"u8.ToArray())));

        var outcome = await RunAsync(bed, Mailbox(imap));

        Assert.Contains("300 attachments, more than the limit of 50 (max-attachments)", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("no CSV, .csv.zip, .zip or .gz attachment", outcome.Error, StringComparison.Ordinal);
        foreach (var message in await imap.ListAsync())
        {
            Assert.False(message.Flags!.Value.HasFlag(MessageFlags.Seen));
            Assert.Contains("$HeraldFailed", message.Keywords);
        }
        await using var db = bed.Db();
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.Contains("max-attachments", (await db.CollectorStates.SingleAsync()).LastError, StringComparison.Ordinal);
    }

    [ProgramFact("dovecot")]
    public async Task A_wrong_password_is_recorded_without_the_password_and_the_mail_stays()
    {
        await using var imap = await DovecotServer.StartAsync();
        await using var bed = await CollectTestbed.StartAsync();
        await imap.AppendAsync(ShadowserverMail(ZippedReport("192.0.2.1")));
        var variable = "HERALD_TEST_IMAP_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "wrong-secret-value");

        var outcome = await RunAsync(bed, Mailbox(imap, password: new SecretReference(variable, null)));

        Assert.Contains("Authentication", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", outcome.Error, StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.Equal(outcome.Error, (await db.CollectorStates.SingleAsync()).LastError);
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.Empty(Assert.Single(await imap.ListAsync()).Keywords);
    }
}

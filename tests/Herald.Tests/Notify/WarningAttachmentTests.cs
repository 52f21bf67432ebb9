using System.Net;
using System.Text;
using Herald.Decide;
using Herald.Deliver;
using Herald.Events;
using Herald.Notify;
using Herald.Signing;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Herald.Tests.Notify;

/// <summary>
/// The CSV attachment of a warning with more assets than its text lists: written from the warning's events each
/// time the message is made, never stored, and the same bytes whichever way and however often it goes out.
/// </summary>
public sealed class WarningAttachmentTests : IDisposable
{
    private const string Recipient = "abuse@hosting.example";
    private const string Formula = "=SUM(1+1)*cmd|' /C calc'!A0";
    private static readonly DateTimeOffset At = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly ServiceOptions Service = new();
    private static readonly int Count = Service.MaxAssetsInText + 40;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A stored report whose events each have a directive to <see cref="Recipient"/>, for the organisations in turn.</summary>
    private static async Task AddDirectivesAsync(HeraldDatabase database, Route route, IReadOnlyList<long?> organisations)
    {
        await using var db = database.Open();
        var report = new Report
        {
            SourceName = "shadowserver",
            FileName = "2026-11-01-scan_rdp-nl-geo.csv",
            ReportType = "scan_rdp",
            ContentHash = Guid.NewGuid().ToString("N"),
            ReceivedAt = At,
            Status = ReportStatus.Parsed,
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        for (var i = 0; i < Count; i++)
        {
            var e = new Event
            {
                TimeSource = At.AddMinutes(-i),
                FeedName = "Accessible-RDP",
                ClassificationType = "vulnerable-system",
                ClassificationIdentifier = "open-rdp",
                SourceIp = IPAddress.Parse($"198.51.{i / 250}.{i % 250 + 1}"),
                SourcePort = 3389,
                ProtocolTransport = "tcp",
                SourceFqdn = $"host{i}.hosting.example",
            };
            var stored = new StoredEvent { ReportId = report.Id, Line = i + 2, SourceIp = e.SourceIp.ToString(), Json = IntelMqJson.Write(e) };
            db.Events.Add(stored);
            await db.SaveChangesAsync();
            db.Directives.Add(new StoredDirective
            {
                EventId = stored.Id,
                ReportId = report.Id,
                Route = route,
                RecipientEmail = Recipient,
                RecipientName = "Hosting B.V.",
                OrganisationId = organisations[i % organisations.Count],
                Template = "open-rdp",
                AggregationKey = "k",
                Reasons = "test",
                CreatedAt = At,
            });
        }
        await db.SaveChangesAsync();
    }

    private static async Task<Notification> BuildAsync(HeraldDatabase database)
    {
        await using var db = database.Open();
        var builder = new NotificationBuilder(Service, new WarningComposer(Service, null), new TestTime(At));
        Assert.Equal(1, await builder.CreatePendingAsync(db, CancellationToken.None));
        return await db.Notifications.AsNoTracking().SingleAsync();
    }

    private static WarningMessageFactory Factory(MessageSigning? signing = null) =>
        new(Service, signing ?? new MessageSigning(null, null, new MailboxAddress(Service.SenderName, Service.SenderAddress), encrypt: false));

    /// <summary>The attachment of the message made as the outbox makes it, written from the database.</summary>
    private static async Task<byte[]> AttachmentAsync(HeraldDatabase database, Notification warning)
    {
        await using var db = database.Open();
        await using var csv = await WarningAttachment.WriteAsync(db, warning, CancellationToken.None);
        return AttachmentBytes(Factory().Create(warning, csv).Message!);
    }

    private static byte[] AttachmentBytes(MimeMessage message)
    {
        var part = Assert.IsType<TextPart>(Assert.Single(message.Attachments));
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        return bytes.ToArray();
    }

    [Fact]
    public async Task A_warning_with_more_assets_than_its_text_lists_goes_out_with_every_asset_in_the_attachment()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await AddDirectivesAsync(temp.Database, Route.NetworkOwner, [null]);
        var warning = await BuildAsync(temp.Database);
        Assert.True(warning.AssetsAttached);
        Assert.Equal(Count, warning.AssetCount);
        Assert.Contains($"and {Count - Service.MaxAssetsInText} more", warning.BodyText, StringComparison.Ordinal);

        var pickup = Path.Combine(_dir.Path, "pickup");
        var outbox = new Outbox(temp.Database, new PickupFolderChannel(pickup), Factory(), new DeliveryOptions(), new TestTime(At));
        Assert.Equal(1, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);

        var written = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(pickup, "*.eml")));
        var csv = Encoding.UTF8.GetString(AttachmentBytes(written));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AssetsCsv.Header.TrimEnd('\n'), lines[0]);
        Assert.Equal(Count + 1, lines.Length);
        for (var i = 0; i < Count; i++)
            Assert.StartsWith($"198.51.{i / 250}.{i % 250 + 1},3389,tcp,", lines[i + 1], StringComparison.Ordinal);
        Assert.Equal(WarningComposer.AttachmentName(warning.Reference), written.Attachments.Single().ContentDisposition!.FileName);
    }

    [Fact]
    public async Task The_attachment_is_byte_for_byte_the_same_in_the_pickup_folder_over_SMTP_and_on_a_retry_and_DKIM_verifies()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await AddDirectivesAsync(temp.Database, Route.NetworkOwner, [null]);
        var warning = await BuildAsync(temp.Database);
        var keys = DkimKeys.Generate("rsa");
        var keyPath = Path.Combine(_dir.Path, "dkim.pem");
        await File.WriteAllTextAsync(keyPath, keys.PrivateKeyPem);
        var factory = Factory(new MessageSigning(DkimMessageSigner.Load(keyPath, "herald.example", "sel1"), null,
            new MailboxAddress(Service.SenderName, Service.SenderAddress), encrypt: false));

        // One message, its attachment read where it lies: when signed, when written to the folder, when sent.
        await using var db = temp.Database.Open();
        await using var csv = await WarningAttachment.WriteAsync(db, warning, CancellationToken.None);
        var message = factory.Create(warning, csv).Message!;
        var pickup = new PickupFolderChannel(Path.Combine(_dir.Path, "pickup"));
        Assert.Equal(SendOutcome.Delivered, (await pickup.SendAsync(message, CancellationToken.None)).Outcome);
        await using var server = SmtpTestServer.Start();
        Assert.Equal(SendOutcome.Delivered, (await new SmtpChannel(server.Options).SendAsync(message, CancellationToken.None)).Outcome);
        // A retry makes the message again, the attachment again from the database.
        await using var again = await WarningAttachment.WriteAsync(db, warning, CancellationToken.None);
        var retry = factory.Create(warning, again).Message!;

        var picked = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(pickup.Directory, "*.eml")));
        var sent = await MimeMessage.LoadAsync(Assert.Single(server.ReceivedFiles()));
        var expected = AttachmentBytes(message);
        Assert.Equal(Count + 1, Encoding.UTF8.GetString(expected).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(expected, AttachmentBytes(picked));
        // Over SMTP a text part's line breaks travel as CRLF, as MIME defines them; the content is otherwise the same.
        Assert.Equal(expected, AttachmentBytes(sent).Where(b => b != '\r'));
        Assert.Equal(expected, AttachmentBytes(retry));
        Assert.Equal(warning.MessageId, sent.MessageId);
        Assert.Equal(warning.MessageId, retry.MessageId);
        var verifier = new DkimVerifier(new KnownKey(keys));
        foreach (var m in new[] { picked, sent, retry })
            Assert.True(verifier.Verify(m, m.Headers[m.Headers.IndexOf(HeaderId.DkimSignature)]));
    }

    /// <summary>The DKIM key published for the test's selector, without DNS.</summary>
    private sealed class KnownKey(DkimKeys keys) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey(keys.TxtValue);

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector,
            CancellationToken cancellationToken = default) => Task.FromResult(GetPublicKey(keys.TxtValue));
    }

    [Fact]
    public async Task A_partner_s_attachment_says_for_each_asset_which_member_it_belongs_to_with_a_formula_in_a_name_defused()
    {
        await using var temp = await TempDatabase.CreateAsync();
        long[] members;
        await using (var db = temp.Database.Open())
        {
            var bakery = new Organisation { KvkNumber = "12345678", Name = "Bakkerij Jansen" };
            var garage = new Organisation { KvkNumber = "87654321", Name = Formula };
            db.Organisations.AddRange(bakery, garage);
            await db.SaveChangesAsync();
            members = [bakery.Id, garage.Id];
        }
        await AddDirectivesAsync(temp.Database, Route.Partner, [members[0], members[1]]);
        var warning = await BuildAsync(temp.Database);
        Assert.Null(warning.OrganisationId);

        var csv = Encoding.UTF8.GetString(await AttachmentAsync(temp.Database, warning));

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(Count, lines.Count);
        Assert.All(lines.Where((_, i) => i % 2 == 0), l => Assert.EndsWith(",\"Bakkerij Jansen, KvK 12345678\"", l, StringComparison.Ordinal));
        Assert.All(lines.Where((_, i) => i % 2 == 1), l => Assert.EndsWith(",\"'" + Formula + ", KvK 87654321\"", l, StringComparison.Ordinal));
        Assert.DoesNotContain("," + Formula, csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.1,3389,tcp,,2026-11-01 03:12:00,open-rdp,,\n")]
    [InlineData("192.0.2.1,3389,tcp,een-heel-lange-hostnaam-die-langer-is-dan-een-regel-in-een-e-mail.voorbeeld.example,,open-rdp,,\n")]
    [InlineData("192.0.2.1,3389,tcp,café.example,,open-rdp,,\"Bakkerij Jansen, KvK 12345678\"\n")]
    public void The_streamed_attachment_is_the_part_MimeKit_makes_of_the_same_bytes_in_memory(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(AssetsCsv.Header + line);
        var inMemory = new BodyBuilder();
        inMemory.Attachments.Add("a.csv", bytes, new ContentType("text", "csv") { Charset = "utf-8" });
        using var stream = new MemoryStream(bytes);

        Assert.Equal(Written(inMemory.Attachments[0]), Written(AssetsCsv.Attachment("a.csv", stream)));
    }

    private static string Written(MimeEntity part)
    {
        using var output = new MemoryStream();
        part.WriteTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}

using Herald.Deliver;
using Herald.Signing;
using Herald.Storage;
using Herald.Tests.Signing;
using Herald.Tests.Support;
using MimeKit;

namespace Herald.Tests.Forward;

/// <summary>A forward by e-mail is signed like a warning; an independent verifier checks it as received.</summary>
public sealed class ForwardSigningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [ProgramFact("dkimverify")]
    public async Task A_forward_sent_through_a_real_SMTP_server_arrives_DKIM_signed_and_dkimpy_verifies_it()
    {
        var keys = DkimKeys.Generate("rsa");
        var keyPath = Path.Combine(_dir.Path, "dkim.pem");
        File.WriteAllText(keyPath, keys.PrivateKeyPem);
        var service = Deliver.Warnings.Service;
        var signing = new MessageSigning(DkimMessageSigner.Load(keyPath, "herald.example", "sel1"), null,
            new MailboxAddress(service.SenderName, service.SenderAddress), encrypt: false);
        await using var fixture = await ForwardFixture.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        var partner = await fixture.AddPartnerAsync("z-cert", PartnerChannel.Email, ForwardFormat.IntelMqJson);
        await fixture.AddCasesAsync(partner, null, ForwardFixture.ThreeCases());
        Assert.Equal(1, await fixture.CreateForwardsAsync());

        Assert.Equal(1, (await fixture.Outbox(new SmtpChannel(smtp.Options), signing: signing).DeliverDueAsync(CancellationToken.None)).Delivered);

        var eml = Assert.Single(smtp.ReceivedFiles());
        var record = Path.Combine(_dir.Path, "record.txt");
        File.WriteAllText(record, keys.TxtValue);
        var (ok, output) = await SigningTests.RunAsync("/usr/bin/python3", "-c", SigningTests.VerifyScript, eml, record, "sel1._domainkey.herald.example.");
        Assert.True(ok, output);
        var received = MimeMessage.Load(eml);
        Assert.Single(received.Attachments);
        Assert.NotNull(received.Headers[HeaderId.DkimSignature]);
    }
}

using Herald.Deliver;
using System.Diagnostics;
using Herald.Decide;
using Herald.Notify;
using Herald.Signing;
using Herald.Storage;
using Herald.Tests.Notify;
using Herald.Tests.Support;
using MimeKit;
using MimeKit.Cryptography;

namespace Herald.Tests.Signing;

/// <summary>Signed warnings checked by independent tools: python3-dkim's verifier and gpg.</summary>
public sealed class SigningTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private static readonly ServiceOptions Service = new();
    private static readonly MailboxAddress Sender = new(Service.SenderName, Service.SenderAddress);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly IReadOnlyList<AffectedAsset> Assets = Some.Assets(Service.MaxAssetsInText + 2);

    /// <summary>The attachment of <see cref="Stored"/>'s warning: its assets are more than the text lists.</summary>
    private static MemoryStream Csv()
    {
        var csv = new MemoryStream();
        using (var writer = new StreamWriter(csv, leaveOpen: true)) AssetsCsv.Write(Assets, writer);
        csv.Position = 0;
        return csv;
    }

    private static Notification Stored(string recipient = "security@voorbeeld.example")
    {
        var composed = new WarningComposer(Service, null).Compose(Route.Direct, "Voorbeeld B.V.", recipient, null, "HRLD-2026-000001", "K7PQ2MXA",
            Assets, ["nl", "en"]);
        return new Notification
        {
            Reference = "HRLD-2026-000001",
            VerificationCode = "K7PQ2MXA",
            Route = Route.Direct,
            RecipientEmail = recipient,
            RecipientName = "Voorbeeld B.V.",
            Subject = composed.Subject,
            BodyText = composed.Text,
            BodyHtml = composed.Html,
            AssetsAttached = composed.Attachment,
            Languages = "nl,en",
            CreatedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
            MessageId = "hrld-2026-000001@herald.example",
        };
    }

    private string Write(MimeMessage message, string name)
    {
        var path = Path.Combine(_dir.Path, name);
        using var file = File.Create(path);
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, file);
        return path;
    }

    [ProgramTheory("dkimverify")]
    [InlineData("rsa")]
    [InlineData("ed25519")]
    public async Task A_DKIM_signed_warning_verifies_with_python3_dkim_and_fails_once_changed(string algorithm)
    {
        if (algorithm == "ed25519" && !(await RunAsync("/usr/bin/python3", "-c", "import nacl")).Ok) return; // dkimpy verifies Ed25519 only with python3-nacl
        var keys = DkimKeys.Generate(algorithm);
        var keyPath = Path.Combine(_dir.Path, "dkim.pem");
        File.WriteAllText(keyPath, keys.PrivateKeyPem);
        var signing = new MessageSigning(DkimMessageSigner.Load(keyPath, "herald.example", "sel1"), null, Sender, encrypt: false);
        var made = new WarningMessageFactory(Service, signing).Create(Stored(), Csv());
        var message = made.Message!;
        Assert.Contains("a=" + (algorithm == "rsa" ? "rsa-sha256" : "ed25519-sha256"), message.Headers[HeaderId.DkimSignature], StringComparison.Ordinal);
        foreach (var section in WarningComposerTests.Headings.SelectMany(h => h.Skip(1).Take(4)))
            Assert.Contains(section, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h3>Wat moet u nu doen?</h3>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Single(message.Attachments);

        var txt = Path.Combine(_dir.Path, "record.txt");
        File.WriteAllText(txt, keys.TxtValue);
        var eml = Write(message, "signed.eml");
        var (ok, output) = await RunAsync("/usr/bin/python3", "-c", VerifyScript, eml, txt, "sel1._domainkey.herald.example.");
        Assert.True(ok, output);

        var tampered = Path.Combine(_dir.Path, "tampered.eml");
        File.WriteAllText(tampered, File.ReadAllText(eml).Replace("K7PQ2MXA", "K7PQ2MXB", StringComparison.Ordinal));
        Assert.NotEqual(File.ReadAllText(eml), File.ReadAllText(tampered));
        Assert.False((await RunAsync("/usr/bin/python3", "-c", VerifyScript, tampered, txt, "sel1._domainkey.herald.example.")).Ok);
    }

    [ProgramFact("gpg")]
    public async Task An_OpenPGP_signed_warning_verifies_with_gpg()
    {
        using var ring = NewKeyRing();
        var gnupg = NewGnupgHome();
        await GpgAsync(gnupg, "--import", ExportServiceKey(ring));

        var made = new WarningMessageFactory(Service, new MessageSigning(null, ring, Sender, encrypt: true)).Create(Stored(), Csv());
        var signed = Assert.IsType<MultipartSigned>(made.Message!.Body);
        var eml = File.ReadAllText(Write(made.Message, "pgp.eml"));
        // The signed content is the first part exactly as sent (CRLF), between the first two boundaries.
        var boundary = "--" + signed.ContentType.Boundary;
        var start = eml.IndexOf(boundary + "\r\n", StringComparison.Ordinal) + boundary.Length + 2;
        var end = eml.IndexOf("\r\n" + boundary, start, StringComparison.Ordinal);
        var content = Path.Combine(_dir.Path, "content");
        File.WriteAllText(content, eml[start..end]);
        var signature = Path.Combine(_dir.Path, "signature.asc");
        using (var file = File.Create(signature)) ((MimePart)signed[1]).Content!.DecodeTo(file);

        var (ok, output) = await GpgAsync(gnupg, "--verify", signature, content);
        Assert.True(ok, output);
        Assert.Contains("Good signature", output, StringComparison.Ordinal);
        File.AppendAllText(content, " ");
        Assert.False((await GpgAsync(gnupg, "--verify", signature, content)).Ok);
    }

    [ProgramFact("dkimverify", "gpg")]
    public async Task A_warning_sent_through_a_real_SMTP_server_arrives_DKIM_and_OpenPGP_signed_and_verifies_with_independent_tools()
    {
        var keys = DkimKeys.Generate("rsa");
        var keyPath = Path.Combine(_dir.Path, "dkim.pem");
        File.WriteAllText(keyPath, keys.PrivateKeyPem);
        using var ring = NewKeyRing();
        var signing = new MessageSigning(DkimMessageSigner.Load(keyPath, "herald.example", "sel1"), ring, Sender, encrypt: false);
        await using var temp = await TempDatabase.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        var at = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var stored = await Deliver.Warnings.AddAsync(temp.Database, "security@voorbeeld.example", at);
        var outbox = new Outbox(temp.Database, new SmtpChannel(smtp.Options), new WarningMessageFactory(Deliver.Warnings.Service, signing),
            new DeliveryOptions { MaxPerMinutePerDomain = 0 }, new TestTime(at));

        Assert.Equal(1, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);

        // What the server received, byte for byte.
        var eml = Assert.Single(smtp.ReceivedFiles());
        var txt = Path.Combine(_dir.Path, "record.txt");
        File.WriteAllText(txt, keys.TxtValue);
        var (dkimOk, dkimOutput) = await RunAsync("/usr/bin/python3", "-c", VerifyScript, eml, txt, "sel1._domainkey.herald.example.");
        Assert.True(dkimOk, dkimOutput);

        var received = MimeMessage.Load(eml);
        Assert.Equal(stored.Reference, received.Headers["X-Herald-Reference"]);
        var signed = Assert.IsType<MultipartSigned>(received.Body);
        var raw = File.ReadAllText(eml);
        var boundary = "--" + signed.ContentType.Boundary;
        var start = raw.IndexOf(boundary + "\r\n", StringComparison.Ordinal) + boundary.Length + 2;
        var end = raw.IndexOf("\r\n" + boundary, start, StringComparison.Ordinal);
        var content = Path.Combine(_dir.Path, "content");
        File.WriteAllText(content, raw[start..end]);
        var signature = Path.Combine(_dir.Path, "signature.asc");
        using (var file = File.Create(signature)) ((MimePart)signed[1]).Content!.DecodeTo(file);
        var gnupg = NewGnupgHome();
        await GpgAsync(gnupg, "--import", ExportServiceKey(ring));
        var (gpgOk, gpgOutput) = await GpgAsync(gnupg, "--verify", signature, content);
        Assert.True(gpgOk, gpgOutput);
        Assert.Contains("Good signature", gpgOutput, StringComparison.Ordinal);

        // The text part carries every section, in Dutch and in English.
        var text = new MimeMessage { Body = signed[0] }.TextBody;
        foreach (var section in new[]
                 {
                     "Wat hebben we gezien?", "Waarom is dit gevaarlijk?", "Wat moet u nu doen?", "Is dit bericht echt?", "nooit om via een link in te loggen",
                     "What did we see?", "Why is this dangerous?", "What should you do now?", "Is this message genuine?", "never ask you to log in through a link",
                     stored.Reference,
                 })
            Assert.Contains(section, text, StringComparison.Ordinal);
    }

    [ProgramFact("gpg")]
    public async Task A_warning_to_a_recipient_whose_key_is_known_is_encrypted_and_gpg_decrypts_and_verifies_it()
    {
        using var ring = NewKeyRing();
        var gnupg = NewGnupgHome();
        await GpgAsync(gnupg, "--import", ExportServiceKey(ring));
        Assert.True((await GpgAsync(gnupg, "--passphrase", "", "--quick-gen-key", "Voorbeeld <security@voorbeeld.example>", "rsa2048", "sign,cert", "never")).Ok);
        var fingerprint = (await GpgAsync(gnupg, "--with-colons", "--list-keys", "security@voorbeeld.example")).Output
            .Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        Assert.True((await GpgAsync(gnupg, "--passphrase", "", "--quick-add-key", fingerprint, "rsa2048", "encr", "never")).Ok);
        var recipientKey = Path.Combine(_dir.Path, "recipient.asc");
        Assert.True((await GpgAsync(gnupg, "--armor", "--output", recipientKey, "--export", "security@voorbeeld.example")).Ok);
        using (var stream = File.OpenRead(recipientKey)) ring.Import(stream);

        var made = new WarningMessageFactory(Service, new MessageSigning(null, ring, Sender, encrypt: true)).Create(Stored(), Csv());
        var encrypted = Assert.IsType<MultipartEncrypted>(made.Message!.Body);
        var cipher = Path.Combine(_dir.Path, "message.asc");
        using (var file = File.Create(cipher)) ((MimePart)encrypted[1]).Content!.DecodeTo(file);
        Assert.DoesNotContain("K7PQ2MXA", File.ReadAllText(cipher), StringComparison.Ordinal);

        var (ok, output) = await GpgAsync(gnupg, "--decrypt", cipher);
        Assert.True(ok, output);
        Assert.Contains("Good signature", output, StringComparison.Ordinal);
        Assert.Contains("HRLD-2026-000001", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_keys_nothing_is_signed_and_the_message_is_plain_text_and_HTML()
    {
        var made = new WarningMessageFactory(Service, new MessageSigning(null, null, Sender, encrypt: false)).Create(Stored(), Csv());
        Assert.Null(made.Message!.Headers[HeaderId.DkimSignature]);
        Assert.Contains("What did we see?", made.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h3>What did we see?</h3>", made.Message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_warning_whose_text_breaks_the_content_rules_is_refused_with_the_reason()
    {
        var stored = Stored();
        stored.BodyText += "\nPlease log in via the link https://evil.example/login to see the details.\n";
        var made = new WarningMessageFactory(Service, new MessageSigning(null, null, Sender, encrypt: false)).Create(stored, Csv());
        Assert.True(made.Refused);
        Assert.Contains("evil.example", made.Refusal, StringComparison.Ordinal);
    }

    private KeyRingContext NewKeyRing()
    {
        var ring = new KeyRingContext(Path.Combine(_dir.Path, "openpgp"), Passphrase);
        ring.GenerateKeyPair(Sender, Passphrase);
        return ring;
    }

    private string ExportServiceKey(KeyRingContext ring)
    {
        var path = Path.Combine(_dir.Path, "service.asc");
        using var file = File.Create(path);
        ring.Export([Sender], file, true);
        return path;
    }

    private string NewGnupgHome()
    {
        var home = Path.Combine(_dir.Path, "gnupg");
        Directory.CreateDirectory(home);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return home;
    }

    private static Task<(bool Ok, string Output)> GpgAsync(string home, params string[] args) =>
        RunAsync(ExternalPrograms.Require("gpg"), ["--homedir", home, "--batch", "--yes", "--pinentry-mode", "loopback", .. args]);

    internal static async Task<(bool Ok, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, await stdout + await stderr);
    }

    /// <summary>dkimpy's verifier, with the key record answered for the one name it should ask for instead of from DNS.</summary>
    internal const string VerifyScript = """
        import sys, dkim
        message = open(sys.argv[1], 'rb').read()
        record = open(sys.argv[2], 'rb').read().strip()
        asked = []
        def dns(name, timeout=5):
            asked.append(name)
            return record if name == sys.argv[3].encode() else None
        ok = dkim.verify(message, dnsfunc=dns)
        print('verified' if ok else 'not verified', asked)
        sys.exit(0 if ok else 1)
        """;
}

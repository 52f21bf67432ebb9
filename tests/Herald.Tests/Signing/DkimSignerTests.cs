using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Herald.Signing;
using Herald.Tests.Support;
using MimeKit;

namespace Herald.Tests.Signing;

/// <summary>Herald's DKIM signer held against dkimpy, an independent implementation of RFC 6376.</summary>
public sealed class DkimSignerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Bodies() =>
    [
        "plain line\r\n",
        "trailing spaces   \r\nand tabs\t\t\r\n",
        "  leading   runs\tof \t whitespace  inside\r\n",
        "empty lines at the end\r\n\r\n\r\n\r\n",
        "no final line end",
        "whitespace-only lines\r\n   \r\n\t\r\nbetween\r\n \r\n",
        "a bare\rCR and a bare\nLF\r\n",
        "ends with a CR\r",
        "\r\n\r\nempty lines first\r\n",
        "   \r\n\t\r\n",
        string.Concat(Enumerable.Repeat("a long body line with  double  spaces and a tab\t, ", 400)) + "\r\n",
    ];

    [ProgramTheory("dkimverify")]
    [MemberData(nameof(Bodies))]
    public async Task The_relaxed_body_hash_is_dkimpy_s_whatever_the_chunks_it_arrives_in(string body)
    {
        var bytes = Encoding.UTF8.GetBytes("Subject: x\r\n\r\n" + body);
        var expected = await DkimpyBodyHashAsync(Encoding.UTF8.GetBytes(body));
        foreach (var chunk in new[] { 1, 2, 3, 7, 4096, bytes.Length })
        {
            using var stream = new DkimCanonicalStream();
            for (var i = 0; i < bytes.Length; i += chunk) stream.Write(bytes, i, Math.Min(chunk, bytes.Length - i));
            Assert.Equal(expected, Convert.ToBase64String(stream.BodyHash()));
            Assert.Equal("Subject: x\r\n\r\n", Encoding.ASCII.GetString(stream.Headers));
        }
    }

    [ProgramTheory("dkimverify")]
    [InlineData("rsa")]
    [InlineData("ed25519")]
    public async Task A_message_with_folded_encoded_and_oddly_spaced_headers_verifies_and_an_added_From_or_Subject_breaks_it(string algorithm)
    {
        var (signer, record) = NewSigner(algorithm);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Herald waarschuwingsdienst", "waarschuwingen@herald.example"));
        message.To.Add(new MailboxAddress("Café Ünïcode B.V.", "security@cafe.example"));
        message.Subject = "[HRLD-2026-000001]  A subject with   runs of spaces\tand a tab that is long enough to be folded over more than one line / Een onderwerp";
        message.MessageId = "hrld-2026-000001@herald.example";
        message.Date = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        message.Headers.Add("X-Unsigned", "  spaces   and\ttabs  ");
        message.Body = new TextPart("plain") { Text = "Line with trailing spaces   \nSecond line\n\n\n" };
        signer.SignMessage(message);

        var header = message.Headers[HeaderId.DkimSignature] ?? "";
        Assert.True(string.Concat(header.Where(c => !char.IsWhiteSpace(c))).Contains("h=from:from:to:to:subject:subject:date:message-id:mime-version:content-type;", StringComparison.Ordinal), header);
        var eml = Write(message);
        Assert.True((await VerifyAsync(eml, record)).Ok);

        var raw = File.ReadAllText(eml);
        foreach (var added in new[] { "From: Bank <security@bank.example>\r\n", "Subject: Log in now\r\n" })
        {
            var forged = Path.Combine(_dir.Path, "forged.eml");
            File.WriteAllText(forged, raw.Replace("\r\n\r\n", "\r\n" + added + "\r\n", StringComparison.Ordinal));
            Assert.False((await VerifyAsync(forged, record)).Ok, added);
        }
    }

    [Fact]
    public void An_RSA_key_below_2048_bits_is_refused_at_start()
    {
        using var rsa = RSA.Create(1024);
        var path = Path.Combine(_dir.Path, "weak.pem");
        File.WriteAllText(path, rsa.ExportRSAPrivateKeyPem());
        var error = Assert.Throws<UserException>(() => DkimMessageSigner.Load(path, "herald.example", "sel1"));
        Assert.Contains("RFC 8301", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("herald.example", "sel1;x=y")]
    [InlineData("herald.example\r\nBcc: x@evil.example", "sel1")]
    public void A_domain_or_selector_that_could_inject_into_the_header_is_refused(string domain, string selector)
    {
        var path = Path.Combine(_dir.Path, "dkim.pem");
        File.WriteAllText(path, DkimKeys.Generate("ed25519").PrivateKeyPem);
        var error = Assert.Throws<UserException>(() => DkimMessageSigner.Load(path, domain, selector));
        Assert.Matches("^Signing:Dkim:(Domain|Selector): ", error.Message);
    }

    [Fact]
    public void A_runtime_signs_with_the_time_of_its_own_clock()
    {
        var data = Path.Combine(_dir.Path, "data");
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        File.WriteAllText(Path.Combine(data, "keys", "dkim.pem"), DkimKeys.Generate("ed25519").PrivateKeyPem);
        var at = new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = data }, new TestTime(at));
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Herald", "waarschuwingen@herald.example"));
        message.Body = new TextPart("plain") { Text = "x" };

        runtime.Messages.Signing.Sign(message);

        var header = string.Concat((message.Headers[HeaderId.DkimSignature] ?? "").Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains($"t={at.ToUnixTimeSeconds()};", header, StringComparison.Ordinal);
    }

    private (DkimMessageSigner Signer, string Record) NewSigner(string algorithm)
    {
        var keys = DkimKeys.Generate(algorithm);
        var keyPath = Path.Combine(_dir.Path, $"{algorithm}.pem");
        File.WriteAllText(keyPath, keys.PrivateKeyPem);
        var record = Path.Combine(_dir.Path, $"{algorithm}.txt");
        File.WriteAllText(record, keys.TxtValue);
        return (DkimMessageSigner.Load(keyPath, "herald.example", "sel1"), record);
    }

    private string Write(MimeMessage message)
    {
        var path = Path.Combine(_dir.Path, "signed.eml");
        using var file = File.Create(path);
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, file);
        return path;
    }

    private static async Task<string> DkimpyBodyHashAsync(byte[] body)
    {
        var (ok, output) = await PythonAsync(
            "import sys, base64, hashlib\nfrom dkim.canonicalization import Relaxed\n" +
            "print(base64.b64encode(hashlib.sha256(Relaxed.canonicalize_body(sys.stdin.buffer.read())).digest()).decode())", body);
        Assert.True(ok, output);
        return output.Trim();
    }

    private static Task<(bool Ok, string Output)> VerifyAsync(string eml, string record) => PythonAsync(
        """
        import sys, dkim
        message = open(sys.argv[1], 'rb').read()
        record = open(sys.argv[2], 'rb').read().strip()
        sys.exit(0 if dkim.verify(message, dnsfunc=lambda name, timeout=5: record if name == b'sel1._domainkey.herald.example.' else None) else 1)
        """, null, eml, record);

    private static async Task<(bool Ok, string Output)> PythonAsync(string script, byte[]? input, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, await stdout + await stderr);
    }
}

using System.Diagnostics;
using System.Globalization;
using Herald.Decide;
using Herald.Notify;
using Herald.Signing;
using Herald.Storage;
using MimeKit;

namespace Herald.Bench;

/// <summary>
/// Warnings per second on one core: render (Liquid, Dutch and English, text and HTML), check the content
/// rules again, build the MIME message, sign it with DKIM and write it out, one after another on one thread.
/// Usage: Herald.Bench messages [count=20000] [rsa|ed25519]
/// </summary>
internal static class MessageBench
{
    private static readonly string[] Identifiers =
    [
        "open-rdp", "open-smb", "open-ldap", "open-snmp", "dns-open-resolver", "open-ssh", "open-telnet", "open-vnc", "accessible-ftp", "open-mysql",
        "open-elasticsearch", "open-memcached", "open-redis", "open-mongodb", "ntp-version", "open-netbios-nameservice", "open-portmapper", "open-ipmi",
        "vulnerable-http", "open-mdns",
    ];

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var algorithm = args.Length > 1 ? args[1] : "rsa";
        if (OperatingSystem.IsLinux()) Process.GetCurrentProcess().ProcessorAffinity = 1; // one core, GC included
        var work = Path.Combine(Path.GetTempPath(), "herald-bench-messages-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var service = new ServiceOptions();
            var keyPath = Path.Combine(work, "dkim.pem");
            File.WriteAllText(keyPath, DkimKeys.Generate(algorithm).PrivateKeyPem);
            var composer = new WarningComposer(service, null);
            var factory = new WarningMessageFactory(service, new MessageSigning(DkimMessageSigner.Load(keyPath, service.SenderDomain, "herald"), null,
                new MailboxAddress(service.SenderName, service.SenderAddress), encrypt: false));
            var warnings = Enumerable.Range(0, 200).Select(Assets).ToList();

            long bytes = 0;
            Once(composer, factory, warnings, 0, ref bytes);
            for (var i = 0; i < 1000; i++) Once(composer, factory, warnings, i, ref bytes); // warm-up: JIT, caches
            bytes = 0;
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) Once(composer, factory, warnings, i, ref bytes);
            var elapsed = clock.Elapsed;
            // On a shared machine the wall clock counts other programs' turns too; CPU time is this process's alone.
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            Console.WriteLine($"{count:N0} warnings (Dutch and English, text and HTML, 1-5 assets, every 50th with 40 and a CSV), DKIM {algorithm}, one core");
            Console.WriteLine($"  {count / elapsed.TotalSeconds:N0} messages/s by the wall clock, {count / cpuUsed.TotalSeconds:N0} per CPU second; {bytes / count:N0} bytes each");
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < count / 4; i++) Compose(composer, warnings, i);
            Console.WriteLine($"  rendering alone: {count / 4 / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N0} warnings per CPU second");
            var unsigned = new WarningMessageFactory(service, new MessageSigning(null, null, new MailboxAddress(service.SenderName, service.SenderAddress), encrypt: false));
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < count / 4; i++) Once(composer, unsigned, warnings, i, ref bytes);
            Console.WriteLine($"  rendering, content rules and MIME without signing: {count / 4 / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N0} per CPU second");
            var rules = new ContentRules(service);
            var sample = Compose(composer, warnings, 1);
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < count / 4; i++)
            {
                var findings = new List<LintFinding>();
                rules.Check("t", sample.Text, html: false, source: false, findings);
                rules.Check("h", sample.Html, html: true, source: false, findings);
            }
            Console.WriteLine($"  content rules alone: {count / 4 / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N0} per CPU second");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Once(WarningComposer composer, WarningMessageFactory factory, List<List<AffectedAsset>> warnings, int i, ref long bytes)
    {
        var composed = Compose(composer, warnings, i);
        var reference = $"HRLD-2026-{i % 1_000_000:000000}";
        using var csv = composed.Attachment ? Csv(warnings[i % warnings.Count]) : null;
        var made = factory.Create(new Notification
        {
            Reference = reference,
            VerificationCode = "K7PQ2MXA",
            Route = Route.Direct,
            RecipientEmail = $"security@org{i % 5000}.example",
            RecipientName = $"Organisatie {i % 5000} B.V.",
            Subject = composed.Subject,
            BodyText = composed.Text,
            BodyHtml = composed.Html,
            AssetsAttached = composed.Attachment,
            Languages = "nl,en",
            CreatedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
            MessageId = reference.ToLowerInvariant() + "@herald.example",
        }, csv);
        var output = new CountingStream();
        (made.Message ?? throw new InvalidOperationException(made.Refusal)).WriteTo(output);
        bytes += output.Length;
    }

    private static MemoryStream Csv(List<AffectedAsset> assets)
    {
        var csv = new MemoryStream();
        using (var writer = new StreamWriter(csv, leaveOpen: true)) AssetsCsv.Write(assets, writer);
        csv.Position = 0;
        return csv;
    }

    private static ComposedWarning Compose(WarningComposer composer, List<List<AffectedAsset>> warnings, int i) =>
        composer.Compose(Route.Direct, $"Organisatie {i % 5000} B.V.", $"security@org{i % 5000}.example", null,
            $"HRLD-2026-{i % 1_000_000:000000}", "K7PQ2MXA", warnings[i % warnings.Count], ["nl", "en"]);

    private static List<AffectedAsset> Assets(int seed)
    {
        var random = new Random(seed);
        var identifier = Identifiers[seed % Identifiers.Length];
        var count = seed % 50 == 0 ? 40 : random.Next(1, 6);
        return Enumerable.Range(0, count).Select(n => new AffectedAsset(
            $"192.0.{random.Next(0, 256)}.{random.Next(1, 255)}", 3389 + n, "tcp", n % 2 == 0 ? $"host{n}.org{seed}.example" : null,
            new DateTimeOffset(2026, 11, 1, random.Next(0, 24), random.Next(0, 60), 0, TimeSpan.Zero), identifier, "vulnerable-system", "Scan",
            n % 3 == 0 ? ["CVE-2019-0708"] : [])).ToList();
    }

    /// <summary>Counts what is written, keeping nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}

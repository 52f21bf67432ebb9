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
/// rules on what is sent, build the MIME message, sign it with DKIM and write it out, one after another on one
/// thread; then the same work stage by stage.
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
            WarmUp(composer, factory, warnings);
            bytes = 0;
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var (jitTime, jitMethods, gen0, gen1, gen2, pause) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount(),
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) Once(composer, factory, warnings, i, ref bytes);
            var elapsed = clock.Elapsed;
            // On a shared machine the wall clock counts other programs' turns too; CPU time is this process's alone.
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            // Allocation does not depend on the machine's load: a steady figure to compare changes by, and what the collector pays for.
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            Console.WriteLine($"{count:N0} warnings (Dutch and English, text and HTML, 1-5 assets, every 50th with 40 and a CSV), DKIM {algorithm}, one core");
            Console.WriteLine($"  {count / elapsed.TotalSeconds:N0} messages/s by the wall clock, {count / cpuUsed.TotalSeconds:N0} per CPU second; {bytes / count:N0} bytes each, {allocated / count:N0} bytes allocated per message");
            Console.WriteLine($"  during the timed run: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods:N0} methods compiled in {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:N0} ms; collections gen0 {GC.CollectionCount(0) - gen0:N0}, gen1 {GC.CollectionCount(1) - gen1:N0}, gen2 {GC.CollectionCount(2) - gen2:N0}, paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:N0} ms");
            Stages(composer, factory, warnings, count / 4, File.ReadAllText(keyPath));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Rounds of the work until the JIT has settled (a round compiles almost nothing more): on one core the tiered
    /// JIT's background recompilation competes with the bench thread, and a server pays it once, not per message.
    /// </summary>
    private static void WarmUp(WarningComposer composer, WarningMessageFactory factory, List<List<AffectedAsset>> warnings)
    {
        long bytes = 0;
        for (var round = 0; round < 30; round++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < 1000; i++) Once(composer, factory, warnings, i, ref bytes);
            Thread.Sleep(200); // the call-counting delay, so pending recompilations run now
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < 10 && round >= 2) return;
        }
    }

    /// <summary>The same work once more, stage by stage, in CPU time of this thread (so other programs' turns do not count).</summary>
    private static void Stages(WarningComposer composer, WarningMessageFactory factory, List<List<AffectedAsset>> warnings, int count, string keyPem)
    {
        string[] names = ["render (Liquid: Dutch and English, text and HTML)", "content rules (subject, text, HTML)", "MIME message",
            $"signing: DKIM {factory.Signing.DkimAlgorithm}", "writing"];
        var spent = new double[names.Length];
        var allocated = new long[names.Length];
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var stage = 0;
            var start = ThreadCpu.Now();
            var heap = GC.GetAllocatedBytesForCurrentThread();
            void Done()
            {
                var now = ThreadCpu.Now();
                var nowHeap = GC.GetAllocatedBytesForCurrentThread();
                spent[stage] += now - start;
                allocated[stage++] += nowHeap - heap;
                start = now;
                heap = nowHeap;
            }
            var stored = Stored(Compose(composer, warnings, i), i);
            Done();
            if (factory.Refusal(stored) is { } refusal) throw new InvalidOperationException(refusal);
            Done();
            using var csv = stored.AssetsAttached ? Csv(warnings[i % warnings.Count]) : null;
            var message = factory.Build(stored, csv);
            Done();
            factory.Signing.Sign(message);
            Done();
            var output = new CountingStream();
            message.WriteTo(output);
            bytes += output.Length;
            Done();
        }
        Console.WriteLine($"  per message, CPU time of the bench thread and bytes allocated ({count:N0} more warnings, stage by stage):");
        for (var s = 0; s < names.Length; s++) Console.WriteLine($"    {names[s],-52} {spent[s] * 1e6 / count,7:N1} µs {allocated[s] / count,9:N0} B");
        var total = spent.Sum() / count;
        Console.WriteLine($"    {"total",-52} {total * 1e6,7:N1} µs = {1 / total:N0} per CPU second of this thread");

        var key = DkimKey.FromPem(keyPem, "bench key");
        var hash = new byte[32];
        var start2 = ThreadCpu.Now();
        for (var i = 0; i < count; i++) key.Sign(hash);
        Console.WriteLine($"    of the signing, the {key.Algorithm} key operation alone{"",-14} {(ThreadCpu.Now() - start2) * 1e6 / count,7:N1} µs");
    }

    private static void Once(WarningComposer composer, WarningMessageFactory factory, List<List<AffectedAsset>> warnings, int i, ref long bytes)
    {
        var stored = Stored(Compose(composer, warnings, i), i);
        using var csv = stored.AssetsAttached ? Csv(warnings[i % warnings.Count]) : null;
        var made = factory.Create(stored, csv);
        var output = new CountingStream();
        (made.Message ?? throw new InvalidOperationException(made.Refusal)).WriteTo(output);
        bytes += output.Length;
    }

    private static Notification Stored(ComposedWarning composed, int i)
    {
        var reference = $"HRLD-2026-{i % 1_000_000:000000}";
        return new Notification
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
        };
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

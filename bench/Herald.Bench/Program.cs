using System.Diagnostics;
using System.Globalization;
using Herald;
using Herald.Enrich;
using Herald.Registry;

// End-to-end throughput: a generated scan_http_vulnerable report with addresses spread over the real
// routing table goes through parse, enrich, match, decide and store; then warnings are made.
// Usage: Herald.Bench [rows=1000000] [organisations=5000] [routing dir] [schema path]
//        Herald.Bench rules [events=1000000] [passes=5]   (decisions per second with the default rule set; bench/rules.sh)
// HERALD_BENCH_STAGES=1 also times parse, decide and JSON alone (after the end-to-end run, so it cannot skew it).
// Herald.Bench messages [count] [rsa|ed25519]: rendering and DKIM signing of warnings (bench/messages.sh).
if (args is ["messages", .. var rest]) return Herald.Bench.MessageBench.Run(rest);
if (args is ["rules", ..])
{
    Herald.Bench.RulesBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    return 0;
}

// Herald.Bench prepare <rows> <organisations> <routing dir> <schema path> <output dir>: only writes the registry
// (CSV) and the report, for bench/memory.sh to run through the herald command.
if (args is ["prepare", var prepareRows, var prepareOrganisations, var prepareRouting, var prepareSchema, var output])
{
    var table = RoutingTable.TryLoad(prepareRouting) ?? throw new InvalidOperationException($"No routing data in {prepareRouting}: run scripts/fetch-routing-data.sh");
    var generated = new SyntheticRegistry(table).Generate(new SyntheticRegistryOptions
    {
        Organisations = int.Parse(prepareOrganisations, CultureInfo.InvariantCulture),
        Seed = 42,
    });
    Directory.CreateDirectory(output);
    generated.WriteCsvFiles(Path.Combine(output, "registry"));
    var synthetic = new SyntheticReport(Herald.Parse.ShadowserverSchema.Load(prepareSchema).Find("scan_http_vulnerable")!, table);
    var reportPath = Path.Combine(output, synthetic.FileName(new DateOnly(2026, 11, 1)));
    var mix = SyntheticAddresses.Create(table, generated.Organisations);
    await using (var writer = new StreamWriter(reportPath))
        await synthetic.WriteAsync(writer, long.Parse(prepareRows, CultureInfo.InvariantCulture), new DateOnly(2026, 11, 1),
            SyntheticAddresses.Mix((0.3, mix.InRegistry), (0.4, mix.DutchUnregistered), (0.3, mix.Abroad)), 42, CancellationToken.None);
    Console.WriteLine(reportPath);
    return 0;
}
var rows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var organisations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
var routingDir = args.Length > 2 ? args[2] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", ".cache", "routing");
var schemaPath = args.Length > 3 ? args[3] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "data", "shadowserver", "schema", "intelmq.json");
var work = Path.Combine(Path.GetTempPath(), "herald-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);

try
{
    var clock = Stopwatch.StartNew();
    var routing = RoutingTable.TryLoad(routingDir) ?? throw new InvalidOperationException($"No routing data in {routingDir}: run scripts/fetch-routing-data.sh");
    var loadRouting = clock.Elapsed;

    var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Path.Combine(work, "data"), SchemaPath = schemaPath }, TimeProvider.System, routing);
    await runtime.InitialiseAsync(CancellationToken.None);
    var registry = new SyntheticRegistry(routing).Generate(new SyntheticRegistryOptions { Organisations = organisations, Seed = 42 });
    await using (var db = runtime.Database.Open()) await registry.SaveAsync(db, CancellationToken.None);

    clock.Restart();
    var report = new SyntheticReport(runtime.Schema.Find("scan_http_vulnerable")!, routing);
    var path = Path.Combine(work, report.FileName(new DateOnly(2026, 11, 1)));
    var addresses = SyntheticAddresses.Create(routing, registry.Organisations);
    await using (var writer = new StreamWriter(path))
        await report.WriteAsync(writer, rows, new DateOnly(2026, 11, 1),
            SyntheticAddresses.Mix((0.3, addresses.InRegistry), (0.4, addresses.DutchUnregistered), (0.3, addresses.Abroad)), 42, CancellationToken.None);
    var generate = clock.Elapsed;
    var size = new FileInfo(path).Length;

    var processor = runtime.CreateProcessor();
    GC.Collect();
    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    clock.Restart();
    await using (var content = File.OpenRead(path))
    {
        var summary = await processor.IngestAsync(content, Path.GetFileName(path), null, "bench", null, CancellationToken.None);
        var ingest = clock.Elapsed;
        var peakIngest = Process.GetCurrentProcess().PeakWorkingSet64;

        Console.WriteLine($"rows                     {rows:N0} ({size / 1e6:N0} MB report, {organisations:N0} organisations)");
        Console.WriteLine($"routing table load       {loadRouting.TotalSeconds:N2} s ({routing.Asns.Count:N0} AS ranges)");
        Console.WriteLine($"report generation        {generate.TotalSeconds:N2} s");
        Console.WriteLine($"ingest (parse, enrich, match, decide, store): {ingest.TotalSeconds:N2} s = {summary.Events / ingest.TotalSeconds:N0} events/s");
        Console.WriteLine($"  events {summary.Events:N0}, rejections {summary.Rejections:N0}, routes: " +
            string.Join(", ", summary.Routes.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value:N0}")));
        Console.WriteLine($"peak working set after ingest {peakIngest / 1048576.0:N0} MiB (before ingest: {before / 1048576.0:N0} MiB)");
        clock.Restart();
        var (created, _) = await processor.NotifyAsync(CancellationToken.None);
        var notify = clock.Elapsed;
        Console.WriteLine($"notify (warnings made and written): {notify.TotalSeconds:N2} s for {created:N0} warnings");
        Console.WriteLine($"peak working set         {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB");
        Console.WriteLine($"database                 {new FileInfo(runtime.Options.DatabasePath).Length / 1e6:N0} MB");
    }
    if (Environment.GetEnvironmentVariable("HERALD_BENCH_STAGES") == "1")
    {
        // The stages alone, to see where the time goes.
        clock.Restart();
        long parsed = 0;
        var parser = new Herald.Parse.ShadowserverParser(runtime.Schema);
        var context = new Herald.Parse.ParseContext(Path.GetFileName(path), null, DateTimeOffset.UnixEpoch);
        var events = new List<Herald.Events.Event>();
        await using (var content = File.OpenRead(path))
            foreach (var row in parser.Parse(content, context, CancellationToken.None))
                if (row.Event is { } e && parsed++ < 200_000) events.Add(e);
        var parseOnly = clock.Elapsed;
        await using (var db = runtime.Database.Open())
        {
            var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Reports);
            var (enricher, decider) = await runtime.PrepareAsync(db, stored, CancellationToken.None);
            clock.Restart();
            foreach (var e in events) decider.Decide(enricher.Enrich(e));
        }
        var decideOnly = clock.Elapsed;
        clock.Restart();
        foreach (var e in events) Herald.Events.IntelMqJson.Write(e);
        var jsonOnly = clock.Elapsed;
        Console.WriteLine($"parse only               {parsed / parseOnly.TotalSeconds:N0} rows/s");
        Console.WriteLine($"enrich+match+decide only {events.Count / decideOnly.TotalSeconds:N0} events/s");
        Console.WriteLine($"IntelMQ JSON write only  {events.Count / jsonOnly.TotalSeconds:N0} events/s");
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}
return 0;

using System.Globalization;
using Herald.Events;
using Herald.Parse;
using Herald.Parse.Mapping;
using Herald.Parse.Xarf;
using Xunit.Abstractions;

namespace Herald.Tests.Parse;

/// <summary>
/// A bounded mutation fuzz run over the sample files through every parser: no exception may escape and no
/// case may hang. The seed and the number of cases are fixed, so a failure names a case that can be replayed;
/// <c>HERALD_FUZZ_CASES</c> runs more cases on demand.
/// </summary>
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261128;
    private const int DefaultCases = 3000;

    // Generous: a case takes milliseconds; only a parser that loops for ever comes near it. A hang is a failure, not a timing claim.
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    private static readonly DateTimeOffset Now = Reports.ReceivedAt;

    private sealed record FuzzInput(string Name, byte[] Content, IReportParser Parser);

    private static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("HERALD_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : DefaultCases;

    private static List<FuzzInput> Seeds()
    {
        var seeds = new List<FuzzInput>();
        var shadowserver = new ShadowserverParser(TestData.Schema);
        var intelMq = new IntelMqJsonParser();
        // Partner formats: Shadowserver CSV and IntelMQ JSON read again through column mappings.
        var mappedCsv = new MappedParser(MappingLoader.Load(Mapping("csv", "timestamp", "ip", "port")));
        var mappedJson = new MappedParser(MappingLoader.Load(Mapping("jsonl", "time.source", "source.ip", "source.port")));
        foreach (var name in TestData.SampleFileNames())
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestData.SamplesDir, name));
            seeds.Add(new FuzzInput(name, bytes, shadowserver));
            // The same report as IntelMQ JSON lines, as herald parse writes it.
            using var stream = new MemoryStream(bytes);
            var lines = shadowserver.Parse(stream, new ParseContext(name, null, Now), CancellationToken.None)
                .Where(r => r.Event is not null).Select(r => IntelMqJson.Write(r.Event!));
            var json = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));
            seeds.Add(new FuzzInput(name + ".jsonl", json, intelMq));
            if (name.StartsWith("scan_", StringComparison.Ordinal))
            {
                seeds.Add(new FuzzInput(name + " (mapped)", bytes, mappedCsv));
                seeds.Add(new FuzzInput(name + ".jsonl (mapped)", json, mappedJson));
            }
        }
        var xarf = new XarfParser(XarfSchemas.Load(TestData.XarfSchemasDir));
        foreach (var file in Directory.EnumerateFiles(TestData.XarfSamplesDir, "*.json").Order(StringComparer.Ordinal))
            seeds.Add(new FuzzInput(Path.GetFileName(file), File.ReadAllBytes(file), xarf));
        return seeds;
    }

    private static string Mapping(string format, string time, string ip, string port) => $"""
        name: fuzz
        format: {format}
        fields:
          - target: time.source
            source: {time}
          - target: source.ip
            source: {ip}
          - target: source.port
            source: {port}
            conversion: convert_int
        """;

    [Fact]
    public async Task Mutated_sample_files_never_crash_or_hang_a_parser()
    {
        var seeds = Seeds();
        var cases = Cases;
        var failures = new List<string>();
        long events = 0, rejections = 0;
        for (var i = 0; i < cases; i++)
        {
            var random = new Random(Seed + i);
            var seed = seeds[random.Next(seeds.Count)];
            var input = Mutator.Mutate(seed.Content, random, out var mutation);
            var run = Task.Run(() => ParseAll(seed, input));
            var finished = await Task.WhenAny(run, Task.Delay(Watchdog));
            var name = $"case {i} ({seed.Name}, {seed.Parser.GetType().Name}: {mutation})";
            if (finished != run)
            {
                failures.Add($"{name}: no result within {Watchdog.TotalSeconds} s (hang)");
                break;
            }
            if (run.Exception is { } ex)
            {
                failures.Add($"{name}: {ex.InnerException}");
                continue;
            }
            var (e, r, problem) = await run;
            events += e;
            rejections += r;
            if (problem is not null) failures.Add($"{name}: {problem}");
        }
        output.WriteLine($"{cases} cases over {seeds.Count} seed files (seed {Seed}): {events} events, {rejections} rejections, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(events > 0 && rejections > 0, "the mutations should give both events and rejections");
    }

    /// <summary>Parses everything and checks what came out: exactly one of event and rejection per row, and every event writable.</summary>
    private static (long Events, long Rejections, string? Problem) ParseAll(FuzzInput seed, byte[] input)
    {
        long events = 0, rejections = 0;
        using var stream = new MemoryStream(input, writable: false);
        foreach (var row in seed.Parser.Parse(stream, new ParseContext(seed.Name, null, Now), CancellationToken.None))
        {
            if ((row.Event is null) == (row.Rejection is null)) return (events, rejections, $"line {row.Line} is neither or both event and rejection");
            if (row.Line < 1) return (events, rejections, $"line number {row.Line}");
            if (row.Event is { } e)
            {
                events++;
                var json = IntelMqJson.Write(e);
                if (IntelMqJson.Read(json, out var error) is null) return (events, rejections, $"line {row.Line}: the event's JSON does not read back: {error}");
            }
            else
            {
                rejections++;
                if (string.IsNullOrWhiteSpace(row.Rejection!.Reason)) return (events, rejections, $"line {row.Line}: a rejection without a reason");
            }
        }
        return (events, rejections, null);
    }
}

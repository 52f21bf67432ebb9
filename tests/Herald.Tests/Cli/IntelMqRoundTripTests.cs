using Herald.Cli;
using Herald.Events;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Cli;

/// <summary>IntelMQ JSON out of <c>herald parse</c> and back in through <c>--input intelmq</c> and <c>process --format intelmq</c>.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class IntelMqRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private Task<int> Herald(params string[] args) => HeraldCli.RunAsync([.. args, "--data", Data]);

    /// <summary>Runs the command with standard output captured.</summary>
    private async Task<(int Code, string[] Lines)> HeraldOut(params string[] args)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var code = await Herald(args);
            return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task Events_of_every_sample_exported_as_IntelMQ_JSON_and_imported_again_are_equal_field_by_field()
    {
        Assert.Equal(0, await Herald("schema", "update", "--from", TestData.SchemaPath));
        var compared = 0;
        foreach (var sample in TestData.SampleFileNames())
        {
            var (_, exported) = await HeraldOut("parse", Path.Combine(TestData.SamplesDir, sample));
            Assert.NotEmpty(exported);
            var file = Path.Combine(_dir.Path, sample + ".jsonl");
            await File.WriteAllLinesAsync(file, exported);

            var (code, imported) = await HeraldOut("parse", file, "--input", "intelmq");

            Assert.Equal(0, code);
            Assert.Equal(exported.Length, imported.Length);
            for (var i = 0; i < exported.Length; i++)
            {
                var before = Fields(exported[i]);
                var after = Fields(imported[i]);
                foreach (var (key, value) in before)
                {
                    Assert.True(after.TryGetValue(key, out var back), $"{sample} event {i + 1}: {key} is lost");
                    Assert.True(Equals(value, back), $"{sample} event {i + 1}: {key} was {value}, is {back}");
                }
                Assert.Equal(before.Count, after.Count);
                Assert.Equal(exported[i], imported[i]);
                compared++;
            }
        }
        Assert.True(compared >= 291, $"only {compared} events compared");
    }

    [Fact]
    public async Task Process_stores_IntelMQ_JSON_lines_as_a_report_with_a_rejection_per_bad_line()
    {
        var file = Path.Combine(_dir.Path, "events.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"classification.identifier":"open-rdp","classification.taxonomy":"vulnerable","classification.type":"vulnerable-system","feed.name":"Partner","source.ip":"192.0.2.7","source.port":3389,"time.source":"2026-11-01T10:00:00+00:00"}""",
            """{"source.ip":"not an address"}""",
            "this is not json",
            "",
            """{"source.fqdn":"www.example.nl","time.source":"2026-11-01T10:00:00+00:00"}""",
        ]);

        Assert.Equal(0, await Herald("process", file, "--format", "intelmq"));

        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        await using var db = runtime.Database.Open();
        Assert.Equal([1L, 5L], await db.Events.OrderBy(e => e.Line).Select(e => e.Line).ToListAsync());
        var rejections = await db.Rejections.OrderBy(r => r.Line).ToListAsync();
        Assert.Equal([2L, 3L], rejections.Select(r => r.Line));
        Assert.Contains("not a valid IP address", rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", rejections[1].Reason, StringComparison.Ordinal);
        Assert.Equal("this is not json", rejections[1].Raw);
        var stored = await db.Events.SingleAsync(e => e.Line == 1);
        Assert.Equal("open-rdp", stored.ClassificationIdentifier);
        Assert.Equal(3389, stored.SourcePort);
    }

    [Fact]
    public async Task Auto_detection_reads_IntelMQ_JSON_without_a_schema_installed()
    {
        var file = Path.Combine(_dir.Path, "events.json");
        await File.WriteAllTextAsync(file, """{"source.ip":"192.0.2.7","time.source":"2026-11-01T10:00:00+00:00"}""" + "\n");

        var (code, lines) = await HeraldOut("parse", file);

        Assert.Equal(0, code);
        Assert.Equal("192.0.2.7", IntelMqJson.Read(Assert.Single(lines), out _)!.SourceIp!.ToString());
    }

    [Fact]
    public async Task Parse_tells_an_X_ARF_report_from_its_content_and_validates_it_with_the_installed_schemas()
    {
        var schemas = Path.Combine(Data, "xarf-schemas");
        foreach (var file in Directory.EnumerateFiles(TestData.XarfSchemasDir, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(schemas, Path.GetRelativePath(TestData.XarfSchemasDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var (code, lines) = await HeraldOut("parse", Path.Combine(TestData.XarfSamplesDir, "connection-login-attack.json"));

        Assert.Equal(0, code);
        var e = IntelMqJson.Read(Assert.Single(lines), out _)!;
        Assert.Equal(("intrusion-attempts", "brute-force", "198.51.100.77"), (e.ClassificationTaxonomy, e.ClassificationType, e.SourceIp!.ToString()));
    }

    private static Dictionary<string, object> Fields(string line)
    {
        var e = IntelMqJson.Read(line, out var error);
        Assert.Null(error);
        return IntelMqJson.Pairs(e!).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}

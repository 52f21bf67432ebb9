using System.Text.Json;
using Herald.Cli;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Cli;

/// <summary>Quarantined rows listed, corrected and resubmitted through the herald command, on a real SQLite database.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class QuarantineCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private Task<int> Herald(params string[] args) => HeraldCli.RunAsync([.. args, "--data", Data]);

    private async Task<(int Code, string Out)> HeraldOut(params string[] args)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            return (await Herald(args), output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private async Task<List<JsonElement>> ListAsync(params string[] more)
    {
        var (code, output) = await HeraldOut(["quarantine", "list", "--json", .. more]);
        Assert.Equal(0, code);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private HeraldRuntime Runtime() => new(new HeraldOptions { DataDirectory = Data });

    [Fact]
    public async Task A_bad_IntelMQ_line_is_listed_corrected_resubmitted_once_and_audited()
    {
        var file = Path.Combine(_dir.Path, "events.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"source.ip":"192.0.2.7","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}""",
            """{"source.ip":"192.0.2.300","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}""",
        ]);
        Assert.Equal(0, await Herald("process", file, "--format", "intelmq"));

        var listed = Assert.Single(await ListAsync());
        Assert.Equal(2, listed.GetProperty("line").GetInt64());
        Assert.Equal("quarantined", listed.GetProperty("status").GetString());
        var id = listed.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, await Herald("quarantine", "show", id));

        Assert.Equal(0, await Herald("quarantine", "correct", id, "--by", "analyst",
            "--line", """{"source.ip":"192.0.2.30","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}"""));
        Assert.Equal("corrected", Assert.Single(await ListAsync()).GetProperty("status").GetString());
        Assert.Equal(0, await Herald("quarantine", "resubmit", id, "--by", "analyst"));
        Assert.Equal(0, await Herald("quarantine", "resubmit", "--by", "analyst"));
        Assert.Equal(2, await Herald("quarantine", "correct", id, "--line", "{}"));

        var runtime = Runtime();
        await using var db = runtime.Database.Open();
        var events = await db.Events.OrderBy(e => e.Line).ToListAsync();
        Assert.Equal([1L, 2L], events.Select(e => e.Line));
        Assert.Equal("192.0.2.30", events[1].SourceIp);
        var rejection = await db.Rejections.SingleAsync();
        Assert.Equal(("analyst", "analyst", events[1].Id), (rejection.CorrectedBy, rejection.ResolvedBy, rejection.EventId));
        Assert.Equal(2, (await db.Reports.SingleAsync()).EventCount);
        Assert.Equal(1, await db.Directives.CountAsync(d => d.EventId == events[1].Id));
        var audit = await db.Audit.Where(a => a.Action.StartsWith("rejection.")).Select(a => a.Action).ToListAsync();
        Assert.Equal(["rejection.corrected", "rejection.resolved"], audit);
        Assert.Equal("resolved", Assert.Single(await ListAsync("--report", "1")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_correction_that_is_still_wrong_stays_quarantined_and_fails_the_command()
    {
        var file = Path.Combine(_dir.Path, "events.jsonl");
        await File.WriteAllTextAsync(file, "not json\n");
        Assert.Equal(0, await Herald("process", file, "--format", "intelmq"));
        Assert.Equal(0, await Herald("quarantine", "correct", "1", "--line", """{"source.port":"http"}"""));

        Assert.Equal(1, await Herald("quarantine", "resubmit", "1"));

        Assert.Equal("corrected", Assert.Single(await ListAsync()).GetProperty("status").GetString());
        await using var db = Runtime().Database.Open();
        Assert.Equal(0, await db.Events.CountAsync());
    }

    [Fact]
    public async Task A_partner_CSV_row_is_read_again_under_its_header_through_the_reports_mapping()
    {
        var mapping = Path.Combine(_dir.Path, "partner.yaml");
        await File.WriteAllTextAsync(mapping, """
            name: partner
            constants:
              classification.identifier: open-rdp
            fields:
              - target: time.source
                source: seen
              - target: source.ip
                source: address
              - target: source.port
                source: port
                conversion: convert_int
            """);
        var file = Path.Combine(_dir.Path, "partner.csv");
        await File.WriteAllTextAsync(file, "port,address,seen\n3389,192.0.2.1,2026-11-01 10:00:00\n3389,192.0.2.x,2026-11-01 10:00:00\n");
        Assert.Equal(0, await Herald("process", file, "--mapping", mapping));
        var id = Assert.Single(await ListAsync()).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var correction = Path.Combine(_dir.Path, "fixed.txt");
        await File.WriteAllTextAsync(correction, "3389,192.0.2.2,2026-11-01 10:00:00\n");
        Assert.Equal(0, await Herald("quarantine", "correct", id, "--from-file", correction));
        Assert.Equal(0, await Herald("quarantine", "resubmit", "--report", "1"));

        await using var db = Runtime().Database.Open();
        var stored = await db.Events.SingleAsync(e => e.Line == 3);
        Assert.Equal(("192.0.2.2", 3389, "open-rdp", "partner"), (stored.SourceIp, stored.SourcePort, stored.ClassificationIdentifier, stored.FeedName));
        Assert.Equal("3389,192.0.2.2,2026-11-01 10:00:00", stored.Raw);
    }

    [Fact]
    public async Task An_invalid_mapping_stops_the_command_with_its_errors_and_reads_nothing()
    {
        var mapping = Path.Combine(_dir.Path, "bad.yaml");
        await File.WriteAllTextAsync(mapping, "fields:\n  - target: source.ipp\n    source: ip\n");
        var file = Path.Combine(_dir.Path, "partner.csv");
        await File.WriteAllTextAsync(file, "ip\n192.0.2.1\n");
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        try
        {
            Assert.Equal(2, await Herald("parse", file, "--mapping", mapping));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("bad.yaml:line 2, column 13: unknown target field 'source.ipp'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Shadowserver_row_is_read_again_under_the_reports_header()
    {
        Assert.Equal(0, await Herald("schema", "update", "--from", TestData.SchemaPath));
        var sample = File.ReadAllLines(Path.Combine(TestData.SamplesDir, "scan_http_vulnerable.csv"));
        var good = sample[1];
        var ip = good.Split(',')[1].Trim('"');
        var file = Path.Combine(_dir.Path, "2026-11-01-scan_http_vulnerable-nl-geo.csv");
        await File.WriteAllLinesAsync(file, [sample[0], good, good.Replace(ip, "not-an-ip", StringComparison.Ordinal)]);
        Assert.Equal(0, await Herald("process", file));
        var listed = Assert.Single(await ListAsync());
        Assert.Equal(3, listed.GetProperty("line").GetInt64());
        var id = listed.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, await Herald("quarantine", "correct", id, "--line", good.Replace(ip, "198.51.100.7", StringComparison.Ordinal)));
        Assert.Equal(0, await Herald("quarantine", "resubmit", id));

        await using var db = Runtime().Database.Open();
        var stored = await db.Events.SingleAsync(e => e.Line == 3);
        Assert.Equal(("198.51.100.7", "vulnerable-http"), (stored.SourceIp, stored.ClassificationIdentifier));
        Assert.Equal(2, await db.Events.CountAsync());
    }
}

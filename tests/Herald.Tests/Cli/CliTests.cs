using Herald.Cli;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Cli;

/// <summary>The herald command as an operator types it, on a data directory of its own.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private Task<int> Herald(params string[] args) => HeraldCli.RunAsync([.. args, "--data", Data]);

    [Fact]
    public async Task An_operator_installs_the_schema_generates_and_imports_a_registry_and_processes_a_report()
    {
        Assert.Equal(0, await Herald("schema", "update", "--from", TestData.SchemaPath));
        var registry = Path.Combine(_dir.Path, "registry");
        Assert.Equal(0, await Herald("registry", "generate", "--output", registry, "--organisations", "25", "--seed", "9"));
        Assert.Equal(0, await Herald(["registry", "import", .. Directory.GetFiles(registry, "*.csv")]));
        Assert.Equal(0, await Herald("process", Path.Combine(TestData.SamplesDir, "scan_rdpeudp.csv")));

        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        await using var db = runtime.Database.Open();
        Assert.Equal(25, await db.Organisations.CountAsync());
        Assert.True(await db.Partners.AnyAsync(p => p.Code == "ncsc"));
        var report = await db.Reports.SingleAsync();
        Assert.Equal(report.EventCount, await db.Events.CountAsync());
        Assert.True(report.EventCount > 0);
    }

    [Fact]
    public async Task A_missing_report_file_is_a_clear_error_not_a_crash()
    {
        var code = await Herald("process", Path.Combine(_dir.Path, "nope.csv"));
        Assert.Equal(2, code);
        Assert.False(File.Exists(Path.Combine(Data, "herald.db")));
    }

    [Fact]
    public async Task A_registry_file_with_bad_rows_imports_the_good_ones_and_fails_the_command()
    {
        var file = Path.Combine(_dir.Path, "organisations.csv");
        await File.WriteAllTextAsync(file, "kvk,name,sector,vital,partner,networks,domains,asns,email,phone,languages\n" +
            "12345678,Bakkerij Jansen B.V.,retail,false,,192.0.2.0/28,bakkerij-jansen.example,,security@bakkerij-jansen.example,,nl\n" +
            "1234,Kapot B.V.,retail,false,,not-a-network,,,,,\n");

        Assert.Equal(1, await Herald("registry", "import", file));
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        await using var db = runtime.Database.Open();
        Assert.Equal("Bakkerij Jansen B.V.", (await db.Organisations.SingleAsync()).Name);
    }

    [Fact]
    public async Task Parse_prints_every_event_as_an_IntelMQ_line_that_reads_back_and_stores_nothing()
    {
        Assert.Equal(0, await Herald("schema", "update", "--from", TestData.SchemaPath));
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await Herald("parse", Path.Combine(TestData.SamplesDir, "scan_http_vulnerable.csv"), "--format", "intelmq");
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadLines(Path.Combine(TestData.SamplesDir, "scan_http_vulnerable.csv")).Count() - 1, lines.Length);
        foreach (var line in lines)
        {
            var e = global::Herald.Events.IntelMqJson.Read(line, out var error);
            Assert.Null(error);
            Assert.Equal("vulnerable-http", e!.ClassificationIdentifier);
            Assert.Equal(line, global::Herald.Events.IntelMqJson.Write(e));
        }
        Assert.False(File.Exists(Path.Combine(Data, "herald.db")));
    }
}

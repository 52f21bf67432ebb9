using Herald.Cli;
using Herald.Collect;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Collect;

/// <summary><c>herald collect</c> as an operator runs it, and one failing collector beside a working one.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CollectCommandTests
{
    private static Task<int> Herald(CollectTestbed bed, params string[] args) =>
        HeraldCli.RunAsync([.. args, "--data", bed.Data]);

    private static string Yaml(int deadPort) => $"""
        collectors:
          - name: drop
            kind: folder
            source: researchers
            path: drop
            settle: 1s
          - name: dead-mail
            kind: imap
            source: shadowserver
            host: 127.0.0.1
            port: {deadPort}
            tls: none
            username: nobody
            password-env: HERALD_TEST_UNSET_{Guid.NewGuid():N}
        """;

    [Fact]
    public async Task Collect_once_runs_every_collector_and_one_that_fails_does_not_stop_the_others()
    {
        await using var bed = await CollectTestbed.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(bed.Data, "collectors.yaml"), Yaml(FreePort.Next()));
        await File.WriteAllTextAsync(Path.Combine(bed.Data, "shadowserver-schema.json"), await File.ReadAllTextAsync(TestData.SchemaPath));
        Directory.CreateDirectory(Path.Combine(bed.Data, "drop"));
        await File.WriteAllBytesAsync(Path.Combine(bed.Data, "drop", CollectTestbed.ReportName), CollectTestbed.Report("192.0.2.1"));

        Assert.Equal(1, await Herald(bed, "collect", "--once"));

        await using var db = bed.Db();
        Assert.Equal("researchers", (await db.Reports.SingleAsync()).SourceName);
        var states = await db.CollectorStates.OrderBy(s => s.Name).ToListAsync();
        Assert.Equal(["dead-mail", "drop"], states.Select(s => s.Name));
        Assert.Contains("environment variable HERALD_TEST_UNSET_", states[0].LastError, StringComparison.Ordinal);
        Assert.Null(states[1].LastError);
    }

    [Fact]
    public async Task Collect_names_one_collector_and_refuses_an_unknown_name_or_an_invalid_file()
    {
        await using var bed = await CollectTestbed.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(bed.Data, "collectors.yaml"), Yaml(FreePort.Next()));

        Assert.Equal(0, await Herald(bed, "collect", "--once", "drop"));
        Assert.Equal(2, await Herald(bed, "collect", "--once", "nope"));
        await File.WriteAllTextAsync(Path.Combine(bed.Data, "collectors.yaml"), "collectors:\n  - name: x\n");
        Assert.Equal(2, await Herald(bed, "collect", "--once"));

        await using var db = bed.Db();
        Assert.Equal(["drop"], await db.CollectorStates.Select(s => s.Name).ToListAsync());
    }

    [Fact]
    public async Task The_schedule_keeps_running_the_others_when_one_collector_fails()
    {
        await using var bed = await CollectTestbed.StartAsync();
        var configuration = CollectorsFile.Parse(Yaml(FreePort.Next()), "collectors.yaml", bed.Data);
        Directory.CreateDirectory(Path.Combine(bed.Data, "drop"));
        await File.WriteAllBytesAsync(Path.Combine(bed.Data, "drop", CollectTestbed.ReportName), CollectTestbed.Report("192.0.2.1"));
        var schedule = new CollectorSchedule(bed.Factory(), new CollectorRunner(bed.Runtime.Database, bed.Time), bed.Time);
        var outcomes = new List<CollectorOutcome>();
        using var stop = new CancellationTokenSource();

        await schedule.RunAsync(configuration.Collectors, outcome =>
        {
            lock (outcomes)
            {
                outcomes.Add(outcome);
                if (outcomes.Any(o => o.Collector == "drop" && o.Run?.Succeeded == 1) && outcomes.Any(o => o.Collector == "dead-mail")) stop.Cancel();
            }
        }, stop.Token);

        Assert.Contains(outcomes, o => o.Collector == "dead-mail" && o.Error is not null);
        Assert.Contains(outcomes, o => o.Collector == "drop" && o.Error is null && o.Run?.Succeeded == 1);
    }
}

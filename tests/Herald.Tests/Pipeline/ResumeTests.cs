using Herald.Cases;
using Herald.Decide;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Pipeline;

/// <summary>
/// Resuming an interrupted report in process, on a real SQLite file: the rows already stored are neither decided nor
/// counted again, none is lost, and the report counts for cases as after a normal run.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private const string Header =
        "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"";

    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private async Task<HeraldRuntime> RuntimeAsync(string name)
    {
        var runtime = new HeraldRuntime(new HeraldOptions
        {
            DataDirectory = Path.Combine(_dir.Path, name),
            SchemaPath = TestData.SchemaPath,
            RoutingDirectory = Path.Combine(_dir.Path, "no-routing"),
        }, _time);
        await BakeryRegistry.SeedAsync(runtime);
        return runtime;
    }

    private static string Row(string ip) => $"\"2026-11-01 10:00:00\",{ip},tcp,443,,\"cve-2021-41773\",64500,NL,Region,City,0,0,HTTP/1.1,200";

    private async Task<string> WriteAsync(string date, IEnumerable<string> rows)
    {
        var path = Path.Combine(_dir.Path, $"{date}-scan_http_vulnerable-nl-geo.csv");
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join("\n", rows) + "\n");
        return path;
    }

    /// <summary>Everything a report's processing counts or creates, to compare two runs.</summary>
    private static async Task<string> CountsAsync(HeraldRuntime runtime)
    {
        await using var db = runtime.Database.Open();
        var sightings = await db.Sightings.AsNoTracking().OrderBy(s => s.OrganisationKey).ThenBy(s => s.Asset).ThenBy(s => s.Issue)
            .Select(s => $"{s.OrganisationKey} {s.Asset} {s.Issue} warned {s.WarnedCount} suppressed {s.SuppressedCount}").ToListAsync();
        var routes = await db.Directives.GroupBy(d => d.Route).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var report = await db.Reports.AsNoTracking().SingleAsync();
        return string.Join("\n", [
            .. sightings,
            .. routes.OrderBy(r => r.Key).Select(r => $"{r.Key}: {r.Count}"),
            $"events {await db.Events.CountAsync()}, distinct lines {await db.Events.Select(e => e.Line).Distinct().CountAsync()}",
            $"rejections {await db.Rejections.CountAsync()}, report {report.Status} {report.EventCount}/{report.RejectionCount}",
            $"warnings {await db.Notifications.CountAsync()} for {await db.Notifications.SumAsync(n => n.AssetCount)} asset(s)",
            $"cases {string.Join(", ", await db.Cases.OrderBy(c => c.Key).Select(c => $"{c.Asset} seen {c.SeenCount}").ToListAsync())}",
        ]);
    }


    [Fact]
    public async Task A_report_read_again_after_its_rows_and_sightings_were_stored_changes_no_count()
    {
        var runtime = await RuntimeAsync("data");
        // The same asset twice (the second is a duplicate inside the report), one for the network owner, one bad row.
        var report = await WriteAsync("2026-11-01", [Row("192.0.2.1"), Row("192.0.2.2"), Row("192.0.2.1"), Row("198.18.0.1"), Row("not-an-ip")]);
        await runtime.CreateProcessor().ProcessFileAsync(report, null, "shadowserver", null, CancellationToken.None);
        var before = await CountsAsync(runtime);
        Assert.Contains("warned 1 suppressed 1", before, StringComparison.Ordinal);

        // As if the process died after the last batch and its sightings were stored, before the report was marked parsed.
        await MarkUnfinishedAsync(runtime, report);
        var resumed = await runtime.CreateProcessor().ResumeAsync(CancellationToken.None);

        Assert.Equal(4, Assert.Single(resumed.Reports).Events);
        Assert.Equal(before, await CountsAsync(runtime));
    }

    [Fact]
    public async Task A_report_cancelled_mid_way_and_resumed_counts_and_stores_exactly_what_an_uninterrupted_run_does()
    {
        const int Assets = 5000;
        // Every asset twice, the second time half a report later: the second sighting is a duplicate in either run.
        var rows = Enumerable.Range(0, 2 * Assets).Select(i => i % Assets is var n && n < 100 ? Row($"192.0.2.{n + 1}") : Row($"198.18.{n / 250}.{n % 250 + 1}"));
        var report = await WriteAsync("2026-11-01", rows);

        var whole = await RuntimeAsync("whole");
        await whole.CreateProcessor().ProcessFileAsync(report, null, "shadowserver", null, CancellationToken.None);

        var interrupted = await RuntimeAsync("interrupted");
        using var cancel = new CancellationTokenSource();
        // Cancelled once nine tenths of the file are read: four of five batches are made by then, and the writer, at most
        // two behind, has stored at least the first; the rest is not stored.
        var at = new FileInfo(report).Length * 9 / 10;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.CreateProcessor()
            .ProcessFileAsync(report, null, "shadowserver", new CancelAt(cancel, at), cancel.Token));
        await using (var db = interrupted.Database.Open())
        {
            Assert.Equal(ReportStatus.Received, (await db.Reports.SingleAsync()).Status);
            Assert.InRange(await db.Events.CountAsync(), 1, 2 * Assets - 1);
        }
        await interrupted.CreateProcessor().ResumeAsync(CancellationToken.None);

        var expected = await CountsAsync(whole);
        Assert.Contains($"events {2 * Assets}, distinct lines {2 * Assets}", expected, StringComparison.Ordinal);
        Assert.Contains($"{nameof(Route.Suppressed)}: {Assets}", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await CountsAsync(interrupted));
    }

    [Fact]
    public async Task A_resumed_report_updates_its_cases_and_counts_towards_resolving_them_as_a_normal_run_does()
    {
        var runtime = await RuntimeAsync("data");
        var first = await WriteAsync("2026-11-01", [Row("192.0.2.1"), Row("192.0.2.2")]);
        // The report type is given: cases count clean reports per type.
        await runtime.CreateProcessor().ProcessFileAsync(first, "scan_http_vulnerable", "shadowserver", null, CancellationToken.None);
        await using (var db = runtime.Database.Open())
            Assert.Equal(2, await db.Cases.CountAsync(c => c.Status == CaseStatus.Open));

        // A week and a day later (past the seen-before window) 192.0.2.1 is still there and 192.0.2.2 is gone;
        // that report is stored and parsed, then the process dies before its warnings are made.
        _time.Now = _time.Now.AddDays(8);
        var second = await WriteAsync("2026-11-09", [Row("192.0.2.1")]);
        await using (var content = File.OpenRead(second))
            await runtime.CreateProcessor().IngestAsync(content, Path.GetFileName(second), "scan_http_vulnerable", "shadowserver", null, CancellationToken.None);
        await MarkUnfinishedAsync(runtime, second);

        var resumed = await runtime.CreateProcessor().ResumeAsync(CancellationToken.None);

        Assert.Equal(1, resumed.WarningsCreated);
        await using (var db = runtime.Database.Open())
        {
            var cases = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Asset);
            var secondId = await db.Reports.Where(r => r.FileName == Path.GetFileName(second)).Select(r => r.Id).SingleAsync();
            Assert.Equal((2, 0, secondId), (cases["192.0.2.1"].SeenCount, cases["192.0.2.1"].CleanReports, cases["192.0.2.1"].LastReportId));
            Assert.Equal((1, 1, secondId), (cases["192.0.2.2"].SeenCount, cases["192.0.2.2"].CleanReports, cases["192.0.2.2"].LastReportId));
        }
    }

    [Fact]
    public async Task A_report_parsed_before_a_crash_and_not_yet_counted_for_cases_is_counted_by_resume_once()
    {
        var runtime = await RuntimeAsync("data");
        var first = await WriteAsync("2026-11-01", [Row("192.0.2.1"), Row("192.0.2.2")]);
        await runtime.CreateProcessor().ProcessFileAsync(first, "scan_http_vulnerable", "shadowserver", null, CancellationToken.None);

        // The second report is parsed completely (marked parsed), then the process dies before its warnings and cases.
        _time.Now = _time.Now.AddDays(8);
        var second = await WriteAsync("2026-11-09", [Row("192.0.2.1")]);
        await using (var content = File.OpenRead(second))
            await runtime.CreateProcessor().IngestAsync(content, Path.GetFileName(second), "scan_http_vulnerable", "shadowserver", null, CancellationToken.None);
        await using (var db = runtime.Database.Open())
        {
            Assert.All(await db.Reports.ToListAsync(), r => Assert.Equal(ReportStatus.Parsed, r.Status));
            Assert.Equal(1, await db.Reports.CountAsync(r => r.CasesObservedAt == null));
        }

        var resumed = await runtime.CreateProcessor().ResumeAsync(CancellationToken.None);
        await runtime.CreateProcessor().ResumeAsync(CancellationToken.None);

        Assert.Empty(resumed.Reports);
        Assert.Equal(1, resumed.WarningsCreated);
        await using (var db = runtime.Database.Open())
        {
            Assert.Equal(0, await db.Reports.CountAsync(r => r.CasesObservedAt == null));
            var cases = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Asset);
            var secondId = await db.Reports.Where(r => r.FileName == Path.GetFileName(second)).Select(r => r.Id).SingleAsync();
            Assert.Equal((2, 0, secondId), (cases["192.0.2.1"].SeenCount, cases["192.0.2.1"].CleanReports, cases["192.0.2.1"].LastReportId));
            Assert.Equal((1, 1, secondId), (cases["192.0.2.2"].SeenCount, cases["192.0.2.2"].CleanReports, cases["192.0.2.2"].LastReportId));
        }
    }

    /// <summary>Puts a parsed report back to "received", as a process that died before marking it parsed leaves it.</summary>
    private static async Task MarkUnfinishedAsync(HeraldRuntime runtime, string path)
    {
        await using var db = runtime.Database.Open();
        var name = Path.GetFileName(path);
        await db.Reports.Where(r => r.FileName == name).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Received));
    }

    /// <summary>Cancels once the parser has read <paramref name="bytes"/> bytes of the report.</summary>
    private sealed class CancelAt(CancellationTokenSource cancel, long bytes) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= bytes) cancel.Cancel();
        }
    }
}

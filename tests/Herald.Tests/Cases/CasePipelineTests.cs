using Herald.Cases;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Cases;

/// <summary>Cases through the whole pipeline on a real SQLite file, over daily Shadowserver reports.</summary>
public sealed class CasePipelineTests : IDisposable
{
    private const string Header =
        "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"";

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(Start);

    public void Dispose() => _dir.Dispose();

    private async Task<HeraldRuntime> RuntimeAsync()
    {
        var runtime = new HeraldRuntime(new HeraldOptions
        {
            DataDirectory = Path.Combine(_dir.Path, "data"),
            SchemaPath = TestData.SchemaPath,
            RoutingDirectory = Path.Combine(_dir.Path, "no-routing"),
            FollowUp = new FollowUpOptions { ResolveAfterCleanReports = 3 },
        }, _time);
        await BakeryRegistry.SeedAsync(runtime);
        return runtime;
    }

    /// <summary>The day's report (day 0 is the first) with the given addresses, processed as <c>herald process</c> does.</summary>
    private async Task ProcessDayAsync(HeraldRuntime runtime, int day, string? reportType, params string[] addresses)
    {
        _time.Now = Start.AddDays(day);
        var date = Start.AddDays(day - 1);
        var path = Path.Combine(_dir.Path, $"{date:yyyy-MM-dd}-scan_http_vulnerable-nl-geo.csv");
        var rows = addresses.Select(ip => $"\"{date:yyyy-MM-dd} 10:00:00\",{ip},tcp,443,,\"cve-2021-41773\",64500,NL,Region,City,0,0,HTTP/1.1,200");
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join("\n", rows) + "\n");
        await runtime.CreateProcessor().ProcessFileAsync(path, reportType, "shadowserver", null, CancellationToken.None);
    }

    private static async Task<Dictionary<string, Case>> CasesAsync(HeraldRuntime runtime)
    {
        await using var db = runtime.Database.Open();
        return await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Asset);
    }

    [Fact]
    public async Task An_asset_suppressed_as_seen_before_in_later_daily_reports_keeps_its_case_open()
    {
        var runtime = await RuntimeAsync();
        await ProcessDayAsync(runtime, 0, "scan_http_vulnerable", "192.0.2.1", "192.0.2.2");
        // Daily reports inside the seen-before window: 192.0.2.1 is still there (suppressed, no new warning), 192.0.2.2 is gone.
        for (var day = 1; day <= 4; day++) await ProcessDayAsync(runtime, day, "scan_http_vulnerable", "192.0.2.1");

        await using (var db = runtime.Database.Open())
        {
            Assert.Equal(1, await db.Notifications.CountAsync());
            Assert.Equal(4, await db.Directives.CountAsync(d => d.Route == Herald.Decide.Route.Suppressed));
        }
        var cases = await CasesAsync(runtime);
        var affected = cases["192.0.2.1"];
        Assert.Equal((CaseStatus.Open, 5, 0), (affected.Status, affected.SeenCount, affected.CleanReports));
        Assert.Equal(Start.AddDays(3).Date, affected.LastSeenAt.UtcDateTime.Date);
        var gone = cases["192.0.2.2"];
        Assert.Equal((CaseStatus.Resolved, 1, 3), (gone.Status, gone.SeenCount, gone.CleanReports));
        Assert.Equal(Start.AddDays(3), gone.ResolvedAt);
    }

    [Fact]
    public async Task Reports_processed_without_a_type_store_the_type_of_their_file_name_and_resolve_cases()
    {
        var runtime = await RuntimeAsync();
        // A week and a day apart (past the seen-before window): 192.0.2.1 is warned again each time, 192.0.2.2 is gone.
        await ProcessDayAsync(runtime, 0, null, "192.0.2.1", "192.0.2.2");
        for (var day = 8; day <= 24; day += 8) await ProcessDayAsync(runtime, day, null, "192.0.2.1");

        var cases = await CasesAsync(runtime);
        Assert.Equal((CaseStatus.Open, 4), (cases["192.0.2.1"].Status, cases["192.0.2.1"].SeenCount));
        Assert.Equal((CaseStatus.Resolved, 3), (cases["192.0.2.2"].Status, cases["192.0.2.2"].CleanReports));
        Assert.All(cases.Values, c => Assert.Equal("scan_http_vulnerable", c.ReportType));
        await using var db = runtime.Database.Open();
        Assert.All(await db.Reports.AsNoTracking().ToListAsync(), r => Assert.Equal("scan_http_vulnerable", r.ReportType));
    }
}

using System.Globalization;
using System.Diagnostics;
using Herald.Decide;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Pipeline;

/// <summary>A real <c>herald process</c> killed mid-report, then <c>herald resume</c>: nothing lost, nothing twice.</summary>
public sealed class CrashResumeTests : IDisposable
{
    private const int Rows = 20_000;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    [Fact]
    public async Task A_report_killed_mid_way_is_finished_by_resume_without_a_duplicate_event_directive_or_warning()
    {
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data, SchemaPath = TestData.SchemaPath });
        await BakeryRegistry.SeedAsync(runtime);
        var report = await WriteReportAsync();

        using (var process = Herald("process", report))
        {
            // Killed as soon as the first batches are stored: the rest of the report is still to come.
            await using (var db = runtime.Database.Open())
                while (!await db.Events.AnyAsync() && !process.HasExited) await Task.Delay(20);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        await using (var db = runtime.Database.Open())
        {
            var stored = await db.Reports.SingleAsync();
            Assert.Equal(ReportStatus.Received, stored.Status);
            Assert.InRange(await db.Events.CountAsync(), 1, Rows - 1);
            Assert.Equal(0, await db.Notifications.CountAsync());
        }

        var (code, output) = await RunAsync("resume");
        Assert.True(code == 0, output);
        var (again, secondOutput) = await RunAsync("resume");
        Assert.Equal(0, again);
        Assert.Contains("No unfinished reports", secondOutput, StringComparison.Ordinal);
        Assert.Contains("Warnings created: 0, written: 0", secondOutput, StringComparison.Ordinal);

        await using (var db = runtime.Database.Open())
        {
            var stored = await db.Reports.SingleAsync();
            Assert.Equal(ReportStatus.Parsed, stored.Status);
            Assert.Equal(Rows, stored.EventCount);
            Assert.Equal(Rows, await db.Events.CountAsync());
            Assert.Equal(Rows, await db.Events.Select(e => e.Line).Distinct().CountAsync());
            Assert.Equal(Rows, await db.Directives.CountAsync());
            Assert.Equal(0, await db.Rejections.CountAsync());
            var warnings = await db.Notifications.AsNoTracking().ToListAsync();
            Assert.Equal(2, warnings.Count);
            Assert.Equal(warnings.Count, warnings.Select(w => (w.Route, w.RecipientEmail)).Distinct().Count());
            Assert.Equal(Rows, warnings.Sum(w => w.AssetCount));
            Assert.Equal(0, await db.Directives.CountAsync(d => d.NotificationId == null));
            Assert.Equal(warnings.Count, Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Length);
        }
    }


    /// <summary>
    /// Rows with distinct addresses: the first 200 belong to the registered organisation, the rest to the network owner.
    /// The child process reads the real clock, so the rows are dated an hour before it (the rules discard old ones).
    /// </summary>
    private async Task<string> WriteReportAsync()
    {
        var seen = TimeProvider.System.GetUtcNow().AddHours(-1);
        var path = Path.Combine(_dir.Path, seen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-scan_http_vulnerable-nl-geo.csv");
        var timestamp = seen.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync("\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"");
        for (var i = 0; i < Rows; i++)
        {
            var ip = i < 200 ? $"192.0.2.{i + 1}" : $"198.18.{i / 250}.{i % 250 + 1}";
            await writer.WriteLineAsync($"\"{timestamp}\",{ip},tcp,443,,\"cve-2021-41773\",64500,NL,Region,City,0,0,HTTP/1.1,200");
        }
        return path;
    }

    /// <summary>The herald command as a process of its own, on this test's data directory; its output is collected.</summary>
    private Process Herald(params string[] args) => Start(args, new System.Text.StringBuilder());

    private Process Start(string[] args, System.Text.StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Herald.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(Data);
        start.Environment["HERALD_SCHEMA"] = TestData.SchemaPath;
        start.Environment["HERALD_ROUTING"] = Path.Combine(_dir.Path, "no-routing");
        var process = Process.Start(start)!;
        // Read as it comes, so that a full pipe never blocks the child.
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new System.Text.StringBuilder();
        using var process = Start(args, output);
        await process.WaitForExitAsync();
        lock (output) return (process.ExitCode, output.ToString());
    }
}

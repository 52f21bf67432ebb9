using System.CommandLine;
using Herald.Pipeline;
using Herald.Registry;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald demo</c>: a demo database with a synthetic registry and a processed demo report.</summary>
internal static class DemoCommand
{
    public const string DemoReportType = "scan_http_vulnerable";

    public static Command Create()
    {
        var organisations = new Option<int>("--organisations") { Description = "Organisations in the synthetic registry", DefaultValueFactory = _ => 200 }.AtLeastOne();
        var rows = new Option<int>("--rows") { Description = "Rows in the demo report", DefaultValueFactory = _ => 400 }.AtLeastOne();
        var seed = new Option<long>("--seed") { Description = "Seed for the generators (same seed, same data)", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Create a demo database with a synthetic registry and process a demo report") { organisations, rows, seed };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            var summary = await RunAsync(runtime, result.GetValue(organisations), result.GetValue(rows), result.GetValue(seed), cancellationToken);
            ProcessCommand.Print(summary, runtime);
            AnsiConsole.MarkupLine("Next: [blue]herald serve[/] shows the warnings in the browser.");
            return 0;
        });
        return command;
    }

    /// <summary>Seeds the registry once, writes the demo report and processes it; repeating it changes nothing.</summary>
    public static async Task<ProcessSummary> RunAsync(HeraldRuntime runtime, int organisations, int rows, long seed, CancellationToken cancellationToken)
    {
        // Before anything is stored: the demo report is a Shadowserver report of the installed schema.
        var reportType = runtime.Schema.Find(DemoReportType)
            ?? throw new UserException($"the Shadowserver schema has no report type {DemoReportType}: 'herald schema update' installs the published one");
        await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
        var routing = runtime.Routing;
        if (routing is null)
            AnsiConsole.MarkupLine("[yellow]No routing data: the demo uses documentation address ranges (scripts/fetch-routing-data.sh fetches real ones).[/]");

        await using (var db = runtime.Database.Open())
        {
            if (!await db.Organisations.AnyAsync(cancellationToken))
            {
                var registry = new SyntheticRegistry(routing).Generate(new SyntheticRegistryOptions { Organisations = organisations, Seed = seed });
                await registry.SaveAsync(db, cancellationToken);
                AnsiConsole.MarkupLine($"Synthetic registry: {registry.Organisations.Count} organisations, {registry.Partners.Count} partners, " +
                    $"{registry.NetworkOwners.Count} network owners.");
            }
        }

        var report = new SyntheticReport(reportType, routing);
        var date = DateOnly.FromDateTime(runtime.Time.GetUtcNow().UtcDateTime).AddDays(-1);
        var directory = Path.Combine(runtime.Options.DataDirectory, "demo");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, report.FileName(date));
        if (!File.Exists(path))
        {
            List<Storage.Organisation> registered;
            await using (var db = runtime.Database.Open())
                registered = await db.Organisations.AsNoTracking().Include(o => o.Assets).ToListAsync(cancellationToken);
            var addresses = SyntheticAddresses.Create(routing, registered);
            // Mostly registered organisations, some Dutch addresses nobody registered, a few from abroad.
            var mix = SyntheticAddresses.Mix((0.6, addresses.InRegistry), (0.3, addresses.DutchUnregistered), (0.1, addresses.Abroad));
            await using (var writer = new StreamWriter(path + ".tmp"))
                await report.WriteAsync(writer, rows, date, mix, seed, cancellationToken);
            File.Move(path + ".tmp", path);
        }
        return await ProcessCommand.RunWithProgressAsync(runtime, new FileInfo(path), null, "demo", null, cancellationToken);
    }
}

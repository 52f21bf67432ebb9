using System.CommandLine;
using Herald.Decide;
using Herald.Parse;
using Herald.Pipeline;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald process &lt;file&gt;</c>: one report through the whole pipeline, with progress and a summary.</summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var file = ReportArguments.File();
        var type = ReportArguments.Type();
        var source = new Option<string>("--source") { Description = "The source that sent the report", DefaultValueFactory = _ => "shadowserver" };
        var format = ReportArguments.Format("--format");
        var mapping = ReportArguments.Mapping();
        var command = new Command("process", "Process a report: parse, enrich, decide, warn") { file, type, source, format, mapping };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            OperatorFiles.Require(path);
            var runtime = HeraldCommands.Runtime(result);
            // Before the database: a missing schema or a broken mapping leaves nothing behind.
            var parser = ReportArguments.Parser(runtime, path, result.GetValue(format)!, result.GetValue(mapping));
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            var summary = await RunWithProgressAsync(runtime, path, result.GetValue(type), result.GetValue(source)!, parser, cancellationToken);
            Print(summary, runtime);
            return 0;
        });
        return command;
    }

    public static async Task<ProcessSummary> RunWithProgressAsync(HeraldRuntime runtime, FileInfo path, string? type, string source,
        IReportParser? parser, CancellationToken cancellationToken)
    {
        if (runtime.Routing is null)
            AnsiConsole.MarkupLine($"[yellow]No routing table in {Markup.Escape(runtime.Options.EffectiveRoutingDirectory)}: " +
                "events keep the AS and country the report carried (scripts/fetch-routing-data.sh fetches one).[/]");
        var processor = runtime.CreateProcessor(parser);
        ProcessSummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(path.Name), maxValue: Math.Max(1, path.Length));
                summary = await processor.ProcessFileAsync(path.FullName, type, source, new ProgressTo(task), cancellationToken);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    public static void Print(ProcessSummary s, HeraldRuntime runtime)
    {
        if (s.AlreadyProcessed)
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(s.FileName)} was processed before (report {s.ReportId}): nothing new was stored or sent.[/]");
        var table = new Table().Title($"Report {s.ReportId}: {Markup.Escape(s.FileName)}").AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("rows", s.Rows.ToString("N0"));
        table.AddRow("events", s.Events.ToString("N0"));
        table.AddRow("rejections", s.Rejections.ToString("N0"));
        foreach (var route in Enum.GetValues<Route>())
            table.AddRow($"directives: {route}", s.Routes.GetValueOrDefault(route).ToString("N0"));
        table.AddRow("warnings created", s.WarningsCreated.ToString("N0"));
        table.AddRow("warnings written", s.WarningsWritten.ToString("N0"));
        AnsiConsole.Write(table);
        if (s.WarningsWritten > 0) AnsiConsole.MarkupLine($"Warnings are in [blue]{Markup.Escape(runtime.Options.PickupDirectory)}[/]");
    }

    /// <summary>Sets the bar directly: Progress&lt;T&gt; would queue one callback per buffer read.</summary>
    private sealed class ProgressTo(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}

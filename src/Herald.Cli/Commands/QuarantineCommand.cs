using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Herald.Parse;
using Herald.Quarantine;
using Herald.Storage;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald quarantine list|show|correct|resubmit</c>: rows that did not become events, corrected and read again.</summary>
internal static class QuarantineCommand
{
    public static Command Create()
    {
        var command = new Command("quarantine", "Rows that could not be parsed: list, show, correct and resubmit them");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Correct());
        command.Subcommands.Add(Resubmit());
        return command;
    }

    private static Option<long?> Report() => new("--report") { Description = "Only the rejections of this report" };

    private static Option<string> By() =>
        new("--by") { Description = "Who does this, for the audit log (default: the user name)", DefaultValueFactory = _ => Environment.UserName };

    private static Command List()
    {
        var report = Report();
        var json = new Option<bool>("--json") { Description = "One JSON object per rejection instead of a table" };
        var command = new Command("list", "List quarantined rows") { report, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            await RequireReportAsync(db, result.GetValue(report), cancellationToken);
            var rejections = await QuarantineDesk.ListAsync(db, result.GetValue(report), cancellationToken);
            if (result.GetValue(json))
            {
                foreach (var r in rejections) await Console.Out.WriteLineAsync(JsonSerializer.Serialize(Describe(r)));
                return 0;
            }
            var table = new Table().AddColumns("id", "report", "line", "status", "reason");
            foreach (var r in rejections)
                table.AddRow(Text(r.Id), Text(r.ReportId), Text(r.Line), Status(r), Markup.Escape(r.Reason.Length > 100 ? r.Reason[..100] + "…" : r.Reason));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{rejections.Count} rejection(s), {rejections.Count(r => r.ResolvedAt is null)} still quarantined");
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("id") { Description = "The rejection's id (from herald quarantine list)" };
        var command = new Command("show", "Show one quarantined row in full") { id };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var r = await db.Rejections.FindAsync([result.GetValue(id)], cancellationToken)
                ?? throw new UserException($"there is no rejection {result.GetValue(id)}");
            var grid = new Grid().AddColumn().AddColumn();
            foreach (var (key, value) in Describe(r)) grid.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString() ?? ""));
            AnsiConsole.Write(grid);
            return 0;
        });
        return command;
    }

    private static Command Correct()
    {
        var id = new Argument<long>("id") { Description = "The rejection's id" };
        var line = new Option<string?>("--line") { Description = "The corrected raw line" };
        var fromFile = new Option<FileInfo?>("--from-file") { Description = "A file holding the corrected raw line" };
        var by = By();
        var command = new Command("correct", "Keep a corrected line for a quarantined row, to resubmit") { id, line, fromFile, by };
        command.SetAction(async (result, cancellationToken) =>
        {
            var text = result.GetValue(line);
            if (result.GetValue(fromFile) is { } file)
            {
                OperatorFiles.Require(file);
                text = (await File.ReadAllTextAsync(file.FullName, cancellationToken)).TrimEnd('\r', '\n');
            }
            if (text is null) throw new UserException("give the corrected line with --line or --from-file");
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            if (await new QuarantineDesk(runtime).CorrectAsync(db, result.GetValue(id), text, result.GetValue(by)!, cancellationToken) is { } error)
                throw new UserException(error);
            AnsiConsole.MarkupLine($"Rejection {result.GetValue(id)} corrected; [blue]herald quarantine resubmit {result.GetValue(id)}[/] reads it again.");
            return 0;
        });
        return command;
    }

    private static Command Resubmit()
    {
        var id = new Argument<long?>("id") { Description = "One rejection; without it, every corrected one (of --report)", Arity = ArgumentArity.ZeroOrOne };
        var report = Report();
        var by = By();
        var command = new Command("resubmit", "Read corrected rows again and store the events they become") { id, report, by };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            await RequireReportAsync(db, result.GetValue(report), cancellationToken);
            if (result.GetValue(id) is { } one && await db.Rejections.FindAsync([one], cancellationToken) is null)
                throw new UserException($"there is no rejection {one}");
            var outcomes = await new QuarantineDesk(runtime).ResubmitAsync(db, result.GetValue(id), result.GetValue(report), result.GetValue(by)!, cancellationToken);
            foreach (var o in outcomes)
                AnsiConsole.MarkupLine(o.Resolved
                    ? $"[green]rejection {o.RejectionId} (line {o.Line}): {Markup.Escape(o.Detail)}[/]"
                    : $"[red]rejection {o.RejectionId} (line {o.Line}) is still rejected: {Markup.Escape(o.Detail)}[/]");
            if (outcomes.Count == 0) AnsiConsole.MarkupLine("Nothing to resubmit: correct a rejection first (herald quarantine correct).");
            if (outcomes.Exists(o => o.Resolved))
            {
                // The new events were decided when stored; their warnings are made and delivered as after any report.
                var (created, written) = await runtime.CreateProcessor(runtime.CreateParser(ReportFormat.IntelMq)).NotifyAsync(cancellationToken);
                AnsiConsole.MarkupLine($"{created} warning(s) created, {written} written");
            }
            return outcomes.TrueForAll(o => o.Resolved) ? 0 : 1;
        });
        return command;
    }

    /// <exception cref="UserException">A report is named that does not exist.</exception>
    private static async Task RequireReportAsync(HeraldDb db, long? id, CancellationToken cancellationToken)
    {
        if (id is { } report && await db.Reports.FindAsync([report], cancellationToken) is null)
            throw new UserException($"there is no report {report}");
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Status(StoredRejection r) => r.ResolvedAt is not null ? "resolved" : r.Correction is not null ? "corrected" : "quarantined";

    private static Dictionary<string, object?> Describe(StoredRejection r) => new()
    {
        ["id"] = r.Id,
        ["report"] = r.ReportId,
        ["line"] = r.Line,
        ["status"] = Status(r),
        ["reason"] = r.Reason,
        ["raw"] = r.Raw,
        ["correction"] = r.Correction,
        ["corrected_by"] = r.CorrectedBy,
        ["corrected_at"] = r.CorrectedAt,
        ["resolved_by"] = r.ResolvedBy,
        ["resolved_at"] = r.ResolvedAt,
        ["event"] = r.EventId,
    };
}

using System.CommandLine;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald resume</c>: parses again the reports a crash left unfinished, then makes and writes pending warnings.</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var command = new Command("resume", "Finish reports left unfinished by a crash or kill, and the warnings still pending");
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            var summary = await runtime.CreateProcessor().ResumeAsync(cancellationToken);
            if (summary.Reports.Count == 0) AnsiConsole.MarkupLine("No unfinished reports.");
            foreach (var report in summary.Reports)
                AnsiConsole.MarkupLine($"Report {report.ReportId} ({Markup.Escape(report.FileName)}): {report.Events:N0} events, {report.Rejections:N0} rejections");
            AnsiConsole.MarkupLine($"Warnings created: {summary.WarningsCreated:N0}, written: {summary.WarningsWritten:N0}");
            return 0;
        });
        return command;
    }
}

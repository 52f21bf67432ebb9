using System.CommandLine;
using Herald.Events;
using Herald.Parse;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald parse &lt;file&gt; --format intelmq</c>: a report's events as IntelMQ JSON lines on standard output,
/// rejections on standard error, nothing stored: for analysts inspecting a file and for comparing with other tools.
/// </summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var file = ReportArguments.File();
        var type = ReportArguments.Type();
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "intelmq" };
        format.AcceptOnlyFromAmong("intelmq");
        var input = ReportArguments.Format("--input");
        var mapping = ReportArguments.Mapping();
        var command = new Command("parse", "Print a report's events as IntelMQ JSON lines without storing anything") { file, type, format, input, mapping };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            OperatorFiles.Require(path);
            var runtime = HeraldCommands.Runtime(result);
            var parser = ReportArguments.Parser(runtime, path, result.GetValue(input)!, result.GetValue(mapping));
            var context = new ParseContext(path.Name, result.GetValue(type), runtime.Time.GetUtcNow());
            await using var content = path.OpenRead();
            var stdout = Console.Out;
            long events = 0, rejections = 0;
            foreach (var row in parser.Parse(content, context, cancellationToken))
            {
                if (row.Event is { } e)
                {
                    events++;
                    await stdout.WriteLineAsync(IntelMqJson.Write(e));
                }
                else if (row.Rejection is { } r)
                {
                    rejections++;
                    await Console.Error.WriteLineAsync($"line {r.Line}: {r.Reason}");
                }
            }
            await Console.Error.WriteLineAsync($"{events} event(s), {rejections} rejection(s)");
            return rejections == 0 ? 0 : 1;
        });
        return command;
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Cli;

/// <summary>
/// The <c>herald</c> program: runs a command line and turns every failure into one line on standard error and an exit
/// code. Standard output is left to results.
/// </summary>
internal static partial class HeraldCli
{
    /// <summary>Something went wrong that the operator did not cause (a bug, a failing network or disk).</summary>
    public const int Failed = 1;

    /// <summary>A mistake the operator can put right: a bad command line, a missing file or prerequisite, an unknown id.</summary>
    public const int Mistake = 2;

    /// <summary>Stopped by Ctrl+C (or SIGTERM) before the command finished.</summary>
    public const int Interrupted = 130;

    /// <param name="time">The clock every command runs on; the system's unless a test fixes it.</param>
    /// <param name="cancellationToken">Cancelled when the operator stops the command (Ctrl+C).</param>
    public static Task<int> RunAsync(string[] args, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        RunAsync(HeraldCommands.Create(time), args, cancellationToken);

    /// <param name="root">The command tree: <see cref="HeraldCommands.Create"/>'s, to which a test may add a command.</param>
    public static async Task<int> RunAsync(Command root, string[] args, CancellationToken cancellationToken = default)
    {
        var result = root.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            await Console.Error.WriteLineAsync($"herald: {ParseErrors(result)} (see {CommandPath(result)} --help)");
            return Mistake;
        }
        try
        {
            // Signals are the caller's (Program.cs), so that cancellation is told apart from any other OperationCanceledException.
            return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (Exception ex) when (ex is UserException or UnauthorizedAccessException)
        {
            await ReportAsync($"herald: {OneLine(ex.Message)}", ex, result);
            return Mistake;
        }
        catch (Exception ex)
        {
            await ReportAsync(result.GetValue(HeraldCommands.Verbose)
                ? $"herald: unexpected error: {OneLine(ex.Message)}"
                : $"herald: unexpected error: {OneLine(ex.Message)} (run with --verbose for details)", ex, result);
            return Failed;
        }
    }

    private static async Task ReportAsync(string line, Exception ex, ParseResult result)
    {
        await Console.Error.WriteLineAsync(line);
        if (result.GetValue(HeraldCommands.Verbose)) await Console.Error.WriteLineAsync(ex.ToString());
    }

    /// <summary>
    /// The parser's errors as one line. A word it did not know explains the rest ("bogus" also leaves "required command
    /// was not provided"), so when there is one, only such errors are shown.
    /// </summary>
    private static string ParseErrors(ParseResult result)
    {
        var messages = result.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
        var unknown = messages.Where(m => result.UnmatchedTokens.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal))).ToList();
        return string.Join("; ", (unknown.Count > 0 ? unknown : messages).Select(Sentence));
    }

    /// <summary>
    /// A parser message in the house style: lower case, no full stop, and no .NET type name ("of type
    /// 'System.Int64'"), which says nothing to an operator.
    /// </summary>
    private static string Sentence(string message)
    {
        var text = TypeName().Replace(OneLine(message), "").TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>"herald rules test": the command the parser got to, for the hint to its help.</summary>
    private static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var command = result.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(command.Parent is null ? "herald" : command.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    [GeneratedRegex(" (?:of|as expected) type '[^']*'")]
    private static partial Regex TypeName();

    /// <summary>A message of several lines (a list of problems) on one line.</summary>
    public static string OneLine(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var line in message.Split('\n'))
        {
            var part = line.Trim();
            if (part.Length == 0) continue;
            if (text.Length > 0) text.Append(text[^1] is ':' or '?' ? " " : "; ");
            text.Append(part);
        }
        return text.ToString();
    }
}

using System.Collections;
using Herald.Cli;
using Spectre.Console;

namespace Herald.Tests.Support;

/// <summary>
/// The herald command run in this process as the program runs it (its error surface included), with standard output,
/// standard error and Spectre.Console's console captured. Tests that use it belong to the console collection.
/// </summary>
internal static class CliRun
{
    /// <param name="environment">The environment variables settings are read from: none unless given, so the machine's cannot leak in.</param>
    public static Task<(int Code, string Output, string Error)> RunAsync(string[] args, TimeProvider? time = null, IDictionary? environment = null) =>
        CaptureAsync(() => HeraldCli.RunAsync(HeraldCommands.Create(time ?? TimeProvider.System, environment ?? new Hashtable()), args));

    public static async Task<(int Code, string Output, string Error)> CaptureAsync(Func<Task<int>> run)
    {
        var (originalOut, originalError, originalAnsi) = (Console.Out, Console.Error, AnsiConsole.Console);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        try
        {
            return (await run(), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            AnsiConsole.Console = originalAnsi;
        }
    }
}

using System.CommandLine;

namespace Herald.Cli.Commands;

/// <summary><c>herald demo</c>: a demo database with a synthetic registry and a processed demo report.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Create a demo database with a synthetic registry and process a demo report");
        command.SetAction((result, cancellationToken) => Task.FromResult(0));
        return command;
    }
}

using System.CommandLine;

namespace Herald.Cli.Commands;

/// <summary><c>--analyst</c>: who acts, for the audit log and the four-eyes check; default <c>HERALD_ANALYST</c>.</summary>
internal static class AnalystOption
{
    public static Option<string?> Create() => new("--analyst") { Description = "Who acts (default: $HERALD_ANALYST)" };

    /// <summary>The analyst, or null after saying on standard error that one is needed.</summary>
    public static async Task<string?> ResolveAsync(ParseResult result, Option<string?> option)
    {
        var analyst = result.GetValue(option) ?? Environment.GetEnvironmentVariable("HERALD_ANALYST");
        if (!string.IsNullOrWhiteSpace(analyst)) return analyst.Trim();
        await Console.Error.WriteLineAsync("herald: name the analyst with --analyst or HERALD_ANALYST");
        return null;
    }
}

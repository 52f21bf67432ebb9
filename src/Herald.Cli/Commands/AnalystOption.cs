using System.CommandLine;

namespace Herald.Cli.Commands;

/// <summary><c>--analyst</c>: who acts, for the audit log and the four-eyes check; default <c>HERALD_ANALYST</c>.</summary>
internal static class AnalystOption
{
    public static Option<string?> Create() => new("--analyst") { Description = "Who acts (default: $HERALD_ANALYST)" };

    /// <summary>The analyst.</summary>
    /// <exception cref="UserException">Neither the option nor HERALD_ANALYST names one.</exception>
    public static string Resolve(ParseResult result, Option<string?> option)
    {
        var analyst = result.GetValue(option) ?? Environment.GetEnvironmentVariable("HERALD_ANALYST");
        return string.IsNullOrWhiteSpace(analyst) ? throw new UserException("name the analyst with --analyst or HERALD_ANALYST") : analyst.Trim();
    }
}

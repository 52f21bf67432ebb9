using System.CommandLine;

namespace Herald.Cli.Commands;

/// <summary>The arguments every command that reads one report shares, and the check that its file exists.</summary>
internal static class ReportArguments
{
    public static Argument<FileInfo> File() => new("file") { Description = "The report file (Shadowserver CSV)" };

    public static Option<string?> Type() =>
        new("--type") { Description = "The Shadowserver report type, when the file name does not tell it" };

    /// <summary>True when every file exists; otherwise says which do not, on standard error.</summary>
    public static async Task<bool> ExistAsync(params FileInfo[] files)
    {
        var missing = files.Where(f => !f.Exists).Select(f => f.FullName).ToList();
        if (missing.Count == 0) return true;
        await Console.Error.WriteLineAsync($"herald: {string.Join(", ", missing)} does not exist");
        return false;
    }
}

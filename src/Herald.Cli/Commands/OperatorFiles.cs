namespace Herald.Cli.Commands;

/// <summary>Files the operator names on the command line: one that does not exist is their mistake.</summary>
internal static class OperatorFiles
{
    /// <summary>Throws, naming every file that does not exist, unless all do.</summary>
    /// <exception cref="UserException">A file does not exist (or is a directory).</exception>
    public static void Require(params FileInfo[] files)
    {
        var missing = files.Where(f => !f.Exists).Select(f => Directory.Exists(f.FullName) ? $"{f.FullName} is a directory, not a file" : $"{f.FullName} does not exist").ToList();
        if (missing.Count > 0) throw new UserException(string.Join("; ", missing));
    }
}

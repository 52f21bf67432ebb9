namespace Herald.Tests.Support;

/// <summary>
/// A fact that starts an external program as a real peer on loopback (dovecot, dnsmasq, gpg, ...).
/// Skipped with the reason when the program is not installed, unless <c>HERALD_REQUIRE_PROGRAMS</c> is
/// set (scripts/test.sh sets it after installing <c>scripts/test-packages.txt</c>): then the test runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProgramFactAttribute : FactAttribute
{
    public ProgramFactAttribute(params string[] programs)
    {
        var reason = ExternalPrograms.SkipReason(programs);
        if (reason is not null) Skip = reason;
    }
}

/// <summary>The theory form of <see cref="ProgramFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProgramTheoryAttribute : TheoryAttribute
{
    public ProgramTheoryAttribute(params string[] programs)
    {
        var reason = ExternalPrograms.SkipReason(programs);
        if (reason is not null) Skip = reason;
    }
}

/// <summary>Finds external programs on PATH and in the sbin folders where Debian installs daemons.</summary>
public static class ExternalPrograms
{
    private static readonly string[] Folders =
        [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries), "/usr/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="program"/>, or null.</summary>
    public static string? Find(string program) =>
        Folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);

    /// <summary>The full path of <paramref name="program"/>; throws with the package hint when it is absent.</summary>
    public static string Require(string program) =>
        Find(program) ?? throw new InvalidOperationException($"{program} is not installed: see scripts/test-packages.txt");

    internal static string? SkipReason(string[] programs)
    {
        var missing = programs.Where(p => Find(p) is null).ToArray();
        if (missing.Length == 0 || Environment.GetEnvironmentVariable("HERALD_REQUIRE_PROGRAMS") == "1") return null;
        return $"needs {string.Join(", ", missing)} (Debian packages in scripts/test-packages.txt; scripts/test.sh installs them)";
    }
}

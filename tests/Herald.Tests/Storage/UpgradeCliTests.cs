using Herald.Tests.Support;

namespace Herald.Tests.Storage;

/// <summary>An operator starts a new release on an old data directory: the command upgrades the database, says so, and works.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UpgradeCliTests
{
    [Theory]
    [InlineData("herald-v3.db", 3)]
    [InlineData("herald-v4.db", 4)]
    public async Task The_first_command_on_an_old_database_upgrades_it_names_the_copy_kept_and_then_works(string fixture, int version)
    {
        using var legacy = new LegacyDatabase(fixture);
        var casesBefore = SqliteFile.Scalar(legacy.Path, "SELECT COUNT(*) FROM Cases");
        Assert.True(casesBefore > 0);

        var (code, output, error) = await RunAsync("cases", "list", "--data", legacy.Directory);

        Assert.True(code == 0, error);
        var note = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"herald: Upgraded the database from schema version {version}; the file as it was is kept at {legacy.Path}.before-", note, StringComparison.Ordinal);
        Assert.Contains("Open", output, StringComparison.Ordinal);
        Assert.Equal(casesBefore, SqliteFile.Scalar(legacy.Path, "SELECT COUNT(*) FROM Cases"));

        var (again, _, quiet) = await RunAsync("cases", "list", "--data", legacy.Directory);
        Assert.Equal(0, again);
        Assert.Equal("", quiet);
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);
}

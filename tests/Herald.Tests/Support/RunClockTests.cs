using System.Diagnostics;
using System.Globalization;

namespace Herald.Tests.Support;

/// <summary>
/// The clock the tests run on: scripts/test.sh sets <c>HERALD_TEST_CLOCK</c> to the Unix time the run should read
/// (a year ahead with <c>--clock-ahead 365</c>), and the programs the tests start read the same clock.
/// </summary>
public sealed class RunClockTests
{
    [Fact]
    public void The_test_host_runs_on_the_clock_the_test_script_set()
    {
        var now = TimeProvider.System.GetUtcNow();
        if (Environment.GetEnvironmentVariable("HERALD_TEST_CLOCK") is not { Length: > 0 } set) return; // dotnet test on its own
        var expected = DateTimeOffset.FromUnixTimeSeconds(long.Parse(set, CultureInfo.InvariantCulture));

        // From the script's start to this test: the build and the tests before it, well under three hours.
        Assert.InRange(now, expected.AddMinutes(-1), expected.AddHours(3));
    }

    [Fact]
    public async Task A_program_the_tests_start_reads_the_same_clock_as_the_test_host()
    {
        using var date = Process.Start(new ProcessStartInfo("date", "+%s") { RedirectStandardOutput = true })!;
        var output = await date.StandardOutput.ReadToEndAsync();
        await date.WaitForExitAsync();
        var now = TimeProvider.System.GetUtcNow();

        var child = DateTimeOffset.FromUnixTimeSeconds(long.Parse(output.Trim(), CultureInfo.InvariantCulture));

        Assert.InRange(child, now.AddMinutes(-1), now.AddSeconds(1));
    }
}

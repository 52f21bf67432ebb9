using System.CommandLine;
using System.Diagnostics;
using Herald.Cli;
using Herald.Tests.Support;
using Spectre.Console;

namespace Herald.Tests.Cli;

/// <summary>
/// One error surface for every command: a mistake the operator can put right is one line "herald: …" on standard
/// error and exit code 2; anything else is one line and exit code 1, with the details only under --verbose.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CliErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Runs a command line with standard output and error captured. Words starting with @ stand for paths made here:
    /// @missing (a file that does not exist), @file (a text file that is nothing Herald reads), @blocked (a directory
    /// below that file, which cannot be created), @blank (a blank argument), @broken-rules (a data directory whose
    /// rules/ holds a broken rule file). Without --data, the data directory is a fresh one.
    /// </summary>
    private async Task<(int Code, string Out, string Error)> HeraldAsync(string commandLine, CancellationToken cancellationToken = default) =>
        await CaptureAsync(() => HeraldCli.RunAsync(Arguments(commandLine), cancellationToken: cancellationToken));

    private static Task<(int Code, string Out, string Error)> CaptureAsync(Func<Task<int>> run) => CliRun.CaptureAsync(run);

    private string[] Arguments(string commandLine)
    {
        var notes = Path.Combine(_dir.Path, "notes.txt");
        File.WriteAllText(notes, "not a key, not a schema, not a rule\n");
        var args = commandLine.Split(' ').Select(word => word switch
        {
            "@missing" => Path.Combine(_dir.Path, "missing.csv"),
            "@file" => notes,
            "@blocked" => Path.Combine(notes, "data"),
            "@blank" => " ",
            "@broken-rules" => BrokenRules(),
            _ => word,
        }).ToList();
        if (!args.Contains("--data")) args.AddRange(["--data", Path.Combine(_dir.Path, "data")]);
        return [.. args];
    }

    private string BrokenRules()
    {
        var data = Path.Combine(_dir.Path, "broken-data");
        Directory.CreateDirectory(Path.Combine(data, "rules"));
        File.WriteAllText(Path.Combine(data, "rules", "broken.yaml"), "rules:\n  - id: [\n");
        return data;
    }

    private static void AssertOneLine(string error, string expected)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on standard error, got:\n{error}");
        Assert.StartsWith("herald: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process @missing", "missing.csv does not exist")]
    [InlineData("parse @file", "Shadowserver's report schema is not at")]
    [InlineData("demo", "Run 'herald schema update' to fetch it")]
    [InlineData("serve --urls nonsense", "--urls 'nonsense' is not an http:// or https:// address")]
    [InlineData("schema update --from @file", "notes.txt is not Shadowserver's report schema")]
    [InlineData("registry import @missing", "missing.csv does not exist")]
    [InlineData("registry generate --output @file", "notes.txt is a file, not a directory")]
    [InlineData("collect nope", "there is no collector named 'nope'")]
    [InlineData("quarantine list --report 42", "there is no report 42")]
    [InlineData("quarantine show 42", "there is no rejection 42")]
    [InlineData("quarantine correct 42 --line x", "there is no rejection 42")]
    [InlineData("quarantine resubmit 42", "there is no rejection 42")]
    [InlineData("securitytxt @file --key @missing", "missing.csv does not exist")]
    [InlineData("templates lint @missing", "missing.csv does not exist")]
    [InlineData("templates export @blocked", "notes.txt is a file")]
    [InlineData("verify HRLD-2026-000001 K7PQ2MXA --data @file", "the data directory")]
    [InlineData("keys dkim-generate --data @blocked", "notes.txt is a file")]
    [InlineData("keys openpgp-generate", "set HERALD__Signing__OpenPgp__Passphrase")]
    [InlineData("keys openpgp-import @file", "holds no OpenPGP public key")]
    [InlineData("contacts import-ripe @missing", "missing.csv does not exist")]
    [InlineData("contacts bounce @blank --reason 550", "name the e-mail address or phone number")]
    [InlineData("contacts discover --data @file", "is a file, not a directory")]
    [InlineData("calls list --data @blocked", "notes.txt is a file")]
    [InlineData("calls record 999 --outcome reached", "there is no call 999")]
    [InlineData("rules check @missing", "missing.csv does not exist")]
    [InlineData("rules test @file @file", "notes.txt has problems")]
    [InlineData("rules test-suite @missing", "missing.csv does not exist")]
    [InlineData("rules reload --data @broken-rules", "so the rules in force are unchanged: broken.yaml")]
    [InlineData("inhibit add --when {} --reason r --expires soon --analyst a", "--expires 'soon' is neither a date")]
    [InlineData("inhibit list --data @file", "is a file, not a directory")]
    [InlineData("inhibit remove 42 --analyst a", "there is no active inhibition 42")]
    [InlineData("review list --data @blocked", "notes.txt is a file")]
    [InlineData("review approve 42 --reason ok --analyst a", "review item 42 does not exist")]
    [InlineData("review reject 42 --reason no --analyst a", "review item 42 does not exist")]
    [InlineData("deliver --once --data @file", "is a file, not a directory")]
    [InlineData("cases list --limit 0", "--limit must be at least 1 (see herald cases list --help)")]
    [InlineData("cases show 42", "there is no case 42")]
    [InlineData("cases follow-up --data @blocked", "notes.txt is a file")]
    [InlineData("source add x --max-age soon", "--max-age 'soon' is not a duration")]
    [InlineData("source list --data @file", "is a file, not a directory")]
    [InlineData("source key create nobody", "there is no source named 'nobody'")]
    [InlineData("source key revoke nope", "there is no active key nope")]
    [InlineData("resume", "Shadowserver's report schema is not at")]
    [InlineData("config show --set Delivery:Smtp:Port=x", "Delivery:Smtp:Port: 'x' is not a whole number (command line)")]
    [InlineData("config check @missing", "missing.csv does not exist")]
    [InlineData("config check @file", "notes.txt is not valid JSON")]
    [InlineData("process @file --set Service:Nme=CERT", "Service:Nme is not a Herald setting (did you mean Service:Name?) (command line)")]
    [InlineData("process @file --set Forward:Tokens:z-cert=abc", "Forward:Tokens:z-cert is a secret and is not read from the command line")]
    public async Task A_mistake_in_any_command_is_one_line_on_standard_error_and_exit_code_2(string commandLine, string expected)
    {
        var (code, _, error) = await HeraldAsync(commandLine);

        Assert.True(code == 2, $"exit code {code}, standard error:\n{error}");
        AssertOneLine(error, expected);
    }

    [Fact]
    public async Task A_bad_setting_in_the_environment_stops_any_command_with_the_variable_named()
    {
        var environment = new System.Collections.Hashtable { ["HERALD_SMTP_HOST"] = "127.0.0.1", ["HERALD_SMTP_PORT"] = "twenty-five" };

        var (code, _, error) = await CaptureAsync(() =>
            HeraldCli.RunAsync(HeraldCommands.Create(TimeProvider.System, environment), Arguments("deliver --once")));

        Assert.Equal(2, code);
        AssertOneLine(error, "Delivery:Smtp:Port: 'twenty-five' is not a whole number (environment HERALD_SMTP_PORT)");
    }

    [Theory]
    [InlineData("bogus", "herald: unrecognized command or argument 'bogus' (see herald --help)")]
    [InlineData("cases list --bogus", "herald: unrecognized command or argument '--bogus' (see herald cases list --help)")]
    [InlineData("process", "herald: required argument missing for command: 'process' (see herald process --help)")]
    [InlineData("quarantine show abc", "herald: cannot parse argument 'abc' for command 'show' (see herald quarantine show --help)")]
    [InlineData("keys", "herald: required command was not provided (see herald keys --help)")]
    public async Task A_command_line_the_parser_refuses_is_one_line_with_a_hint_and_exit_code_2(string commandLine, string expected)
    {
        var (code, output, error) = await HeraldAsync(commandLine);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public async Task An_unexpected_error_is_one_line_and_exit_code_1_with_the_details_only_under_verbose()
    {
        Task<int> Boom(params string[] args)
        {
            var root = HeraldCommands.Create();
            var boom = new Command("boom");
            boom.SetAction((_, _) => throw new InvalidOperationException("the flux capacitor failed"));
            root.Subcommands.Add(boom);
            return HeraldCli.RunAsync(root, args);
        }

        var (code, _, error) = await CaptureAsync(() => Boom("boom"));
        Assert.Equal(1, code);
        Assert.Equal("herald: unexpected error: the flux capacitor failed (run with --verbose for details)", error.TrimEnd('\n'));

        var (verboseCode, _, details) = await CaptureAsync(() => Boom("boom", "--verbose"));
        Assert.Equal(1, verboseCode);
        var lines = details.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("herald: unexpected error: the flux capacitor failed", lines[0]);
        Assert.StartsWith("System.InvalidOperationException: the flux capacitor failed", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mistake_under_verbose_keeps_its_line_and_adds_the_details()
    {
        var (code, _, error) = await HeraldAsync("process @missing --verbose");

        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("missing.csv does not exist", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Herald.UserException: ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_stops_a_command_quietly_with_exit_code_130()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var (code, _, error) = await HeraldAsync("cases list", stop.Token);

        Assert.Equal(130, code);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task The_help_names_the_command_herald_and_shows_verbose()
    {
        var (code, output, _) = await HeraldAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:\n  herald [command] [options]", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("--verbose", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_program_itself_answers_a_mistake_with_one_line_and_exit_code_2()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Herald.Cli.dll"), "process", Path.Combine(_dir.Path, "nope.csv"),
            "--data", Path.Combine(_dir.Path, "data")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", await output);
        AssertOneLine(error, "nope.csv does not exist");
    }
}

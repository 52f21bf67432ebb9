using System.CommandLine;
using System.Globalization;
using Herald.Decide;
using Herald.Decide.Rules;
using Herald.Parse;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald rules check|test|test-suite|reload</c>: validate a rule file, dry-run it over a report (nothing stored or
/// sent), run a rule test suite, and load the rule files of the data directory into force.
/// </summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "The assessment framework: rule files analysts write and test");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Test());
        command.Subcommands.Add(TestSuite());
        command.Subcommands.Add(Reload());
        return command;
    }

    private static Command Check()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Rule files (YAML), loaded together in the order given", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "Validate rule files: every problem with file, line and column") { files };
        check.SetAction(async (result, _) =>
        {
            var paths = result.GetValue(files)!;
            OperatorFiles.Require(paths);
            // The problems are what was asked for: on standard output, one per line, and exit code 1.
            var loaded = await LoadAsync(paths);
            if (loaded.RuleSet is not { } rules)
            {
                foreach (var p in loaded.Problems) Console.WriteLine(p);
                Console.WriteLine($"{loaded.Problems.Count} problem(s)");
                return 1;
            }
            Console.WriteLine($"{rules.Count} rule(s), hash {rules.Hash[..12]}: {string.Join(", ", rules.RuleIds)}");
            return 0;
        });
        return check;
    }

    private static Command Test()
    {
        var rulesFile = new Argument<FileInfo>("rules") { Description = "The rule file (YAML)" };
        var report = ReportArguments.File();
        var type = ReportArguments.Type();
        var source = new Option<string>("--source") { Description = "The source the report is from", DefaultValueFactory = _ => "shadowserver" };
        var reliability = new Option<string?>("--reliability") { Description = "The source's reliability (A-F); default: as registered, else F" };
        var at = new Option<string?>("--at") { Description = "Decide as if it were this time (e.g. 2026-11-02T08:00Z); default: now" };
        var events = new Option<bool>("--events") { Description = "Also print every event's directive" };
        var test = new Command("test", "Dry run: what the rules would do with a report, per route, recipient and rule; nothing is stored or sent")
            { rulesFile, report, type, source, reliability, at, events };
        test.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(report)!;
            OperatorFiles.Require(result.GetValue(rulesFile)!, path);
            var rules = await LoadValidAsync(result.GetValue(rulesFile)!);
            var time = HeraldCommands.Time(result);
            if (result.GetValue(at) is { } when)
            {
                if (!DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                    throw new UserException($"--at '{when}' is not a time such as 2026-11-02T08:00Z");
                time = new FixedTime(t);
            }
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var reportType = result.GetValue(type) ?? runtime.Schema.FindByFileName(path.Name)?.Name;
            var letter = result.GetValue(reliability) is [var c and >= 'A' and <= 'F'] ? c
                : await HeraldRuntime.ReliabilityOfAsync(db, result.GetValue(source)!, cancellationToken);
            var context = new ReportContext(reportType, result.GetValue(source)!, letter, time.GetUtcNow());
            var enricher = await runtime.LoadEnricherAsync(db, cancellationToken);
            var decider = await runtime.CreateDeciderAsync(db, rules, context, time, cancellationToken);
            var summary = new DryRunSummary();
            var parser = new ShadowserverParser(runtime.Schema);
            long rejections = 0;
            await using (var content = path.OpenRead())
            {
                foreach (var row in parser.Parse(content, new ParseContext(path.Name, reportType, time.GetUtcNow()), cancellationToken))
                {
                    if (row.Event is not { } e)
                    {
                        rejections++;
                        continue;
                    }
                    var d = decider.Decide(enricher.Enrich(e));
                    summary.Add(d);
                    if (result.GetValue(events))
                        Console.WriteLine($"line {row.Line}: {RouteNames.Name(d.Route)} {d.RecipientEmail} [{string.Join(", ", d.FiredRules)}] {string.Join(" / ", d.Reasons)}");
                }
            }
            Print(summary, rules, context, rejections);
            return 0;
        });
        return test;
    }

    private static void Print(DryRunSummary summary, RuleSet rules, ReportContext context, long rejections)
    {
        AnsiConsole.MarkupLine(Markup.Escape($"Dry run: rule set {rules.Hash[..12]} ({rules.Count} rules), report type {context.ReportType ?? "unknown"}, " +
            $"source {context.SourceName} ({context.SourceReliability}); {summary.Events:N0} event(s), {rejections:N0} rejected row(s). Nothing was stored or sent."));
        var table = new Table().AddColumn("route").AddColumn("recipient").AddColumn("rule").AddColumn(new TableColumn("events").RightAligned()).AddColumn("reasons (example)");
        foreach (var row in summary.Rows)
        {
            var route = RouteNames.Name(row.Route) + (row.ProposedRoute is { } p ? $" → {RouteNames.Name(p)}" : "");
            table.AddRow(Markup.Escape(route), Markup.Escape(row.Recipient ?? "-"), Markup.Escape(row.Rule), row.Count.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("\n", row.ExampleReasons)));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Rules fired: " + Markup.Escape(string.Join(", ", summary.Fired.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value:N0}"))));
    }

    private static Command TestSuite()
    {
        var suiteFile = new Argument<FileInfo>("suite") { Description = "The rule test suite (YAML)" };
        var rulesFile = new Option<FileInfo?>("--rules") { Description = "The rules to test; default: the suite's 'rules:', else the shipped rules" };
        var suite = new Command("test-suite", "Run a rule test suite: events in, expected directives out") { suiteFile, rulesFile };
        suite.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(suiteFile)!;
            OperatorFiles.Require(path);
            var (loaded, problems) = RuleTestSuite.Load(await File.ReadAllTextAsync(path.FullName, cancellationToken), path.Name);
            if (loaded is null) throw Invalid($"{path.Name} is not a valid rule test suite", problems);
            var rulesPath = result.GetValue(rulesFile)
                ?? (loaded.RulesFile is { } named ? new FileInfo(Path.Combine(path.DirectoryName!, named)) : null);
            if (rulesPath is not null) OperatorFiles.Require(rulesPath);
            var rules = rulesPath is null ? RuleSetLoader.Load(RuleSetProvider.Shipped()).RuleSet! : await LoadValidAsync(rulesPath);
            var results = loaded.Run(rules, new Decide.DecisionOptions());
            foreach (var r in results)
            {
                AnsiConsole.MarkupLine(r.Passed ? $"[green]pass[/] {Markup.Escape(r.Name)}" : $"[red]FAIL[/] {Markup.Escape(r.Name)}");
                foreach (var failure in r.Failures) AnsiConsole.MarkupLine($"     {Markup.Escape(failure)}");
            }
            var failed = results.Count(r => !r.Passed);
            Console.WriteLine($"{results.Count - failed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return suite;
    }

    private static Command Reload()
    {
        var reload = new Command("reload", "Load the rule files of <data>/rules into force (a broken file leaves the rules in force)");
        reload.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            var outcome = await runtime.Rules.ReloadAsync(Environment.GetEnvironmentVariable("HERALD_ANALYST") ?? "herald", cancellationToken);
            if (outcome.Status == RuleReloadStatus.Rejected)
                throw Invalid($"{runtime.Rules.Directory} has problems, so the rules in force are unchanged", outcome.Problems);
            Console.WriteLine($"rule set {outcome.Current!.Version} in force ({outcome.Current.Count} rules)");
            return 0;
        });
        return reload;
    }

    private static async Task<RuleLoadResult> LoadAsync(IEnumerable<FileInfo> files)
    {
        var sources = new List<RuleSource>();
        foreach (var f in files) sources.Add(new RuleSource(f.Name, await File.ReadAllTextAsync(f.FullName)));
        return RuleSetLoader.Load(sources);
    }

    /// <exception cref="UserException">The file has problems: the rules to test or dry-run must be valid first.</exception>
    private static async Task<RuleSet> LoadValidAsync(FileInfo file)
    {
        var loaded = await LoadAsync([file]);
        return loaded.RuleSet ?? throw Invalid($"{file.Name} has problems ('herald rules check {file.Name}' lists them)", loaded.Problems);
    }

    /// <summary>Problems of a rule file (or of an inhibition's condition) as one mistake: the first few, and how many more.</summary>
    public static UserException Invalid(string what, IReadOnlyList<RuleProblem> problems)
    {
        const int Shown = 3;
        var text = $"{what}: {string.Join("; ", problems.Take(Shown))}";
        return new UserException(problems.Count > Shown ? $"{text}; and {problems.Count - Shown} more" : text);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using Herald.Cli.Commands;
using Herald.Settings;

namespace Herald.Cli;

/// <summary>The <c>herald</c> command tree.</summary>
internal static class HeraldCommands
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Where Herald keeps its data (database, reports, pickup folder, herald.json). Default: $HERALD_DATA or ./data",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "The settings file. Default: $HERALD_CONFIG or <data>/herald.json",
        Recursive = true,
    };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "A setting for this run, as Section:Key=value (repeatable; secrets only from the environment or files)",
        Recursive = true,
    };

    /// <summary>On an unexpected error, the whole exception (type, stack trace, inner exceptions) after its one line.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On an error, also print its details (the stack trace)",
        Recursive = true,
    };

    /// <param name="time">The clock every command runs on; the system's unless a test fixes it.</param>
    /// <param name="environment">The environment variables settings are read from; the process's unless a test gives its own.</param>
    public static Command Create(TimeProvider? time = null, IDictionary? environment = null)
    {
        var root = new HeraldRootCommand(time ?? TimeProvider.System, environment);
        root.Options.Add(Data);
        root.Options.Add(Config);
        root.Options.Add(Set);
        root.Options.Add(Verbose);
        root.Subcommands.Add(ProcessCommand.Create());
        root.Subcommands.Add(ParseCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(RegistryCommand.Create());
        root.Subcommands.Add(CollectCommand.Create());
        root.Subcommands.Add(QuarantineCommand.Create());
        root.Subcommands.Add(SecurityTxtCommand.Create());
        root.Subcommands.Add(TemplatesCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(ContactsCommand.Create());
        root.Subcommands.Add(CallsCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(InhibitCommand.Create());
        root.Subcommands.Add(ReviewCommand.Create());
        root.Subcommands.Add(DeliverCommand.Create());
        root.Subcommands.Add(CasesCommand.Create());
        root.Subcommands.Add(SourceCommand.Create());
        root.Subcommands.Add(ResumeCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        return root;
    }

    /// <summary>The instance the command works on: its options, on the command line's clock.</summary>
    public static HeraldRuntime Runtime(ParseResult result) => new(Options(result), Time(result));

    /// <summary>The effective options: the settings file, the environment and <c>--set</c>, validated.</summary>
    public static HeraldOptions Options(ParseResult result) => Settings(result).Options;

    /// <summary>The settings with where each came from.</summary>
    /// <exception cref="UserException">A bad settings file, key or value.</exception>
    public static HeraldSettings Settings(ParseResult result, string? file = null) => HeraldSettings.Load(new SettingsRequest
    {
        DataDirectory = result.GetValue(Data),
        File = file ?? result.GetValue(Config),
        Overrides = result.GetValue(Set) ?? [],
        Environment = Root(result).Environment,
    });

    /// <summary>
    /// Makes or upgrades the database; an upgrade of an existing one is told on standard error (standard output holds
    /// results, such as <c>parse</c>'s events).
    /// </summary>
    public static async Task InitialiseAsync(HeraldRuntime runtime, CancellationToken cancellationToken)
    {
        if ((await runtime.InitialiseAsync(cancellationToken)).Summary is { } summary) await Console.Error.WriteLineAsync("herald: " + summary);
    }

    /// <summary>The clock the command line was created with.</summary>
    public static TimeProvider Time(ParseResult result) => Root(result).Time;

    private static HeraldRootCommand Root(ParseResult result) => (HeraldRootCommand)result.RootCommandResult.Command;

    /// <summary>
    /// The root, named <c>herald</c> whatever the program file is called (a RootCommand takes the executable's name:
    /// Herald.Cli, or testhost in tests); with the help and version options a RootCommand has.
    /// </summary>
    private sealed class HeraldRootCommand : Command
    {
        public HeraldRootCommand(TimeProvider time, IDictionary? environment)
            : base("herald", "Herald: turns threat reports into the right warning for the right organisation.")
        {
            Time = time;
            Environment = environment;
            Options.Add(new HelpOption());
            Options.Add(new VersionOption());
        }

        public TimeProvider Time { get; }

        /// <summary>The environment variables settings are read from; null for the process's.</summary>
        public IDictionary? Environment { get; }
    }
}

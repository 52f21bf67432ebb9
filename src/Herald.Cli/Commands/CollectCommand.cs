using System.CommandLine;
using Herald.Collect;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald collect [--once] [&lt;name&gt;]</c>: the collectors of collectors.yaml, from the command line.</summary>
internal static class CollectCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Run only this collector", Arity = ArgumentArity.ZeroOrOne };
        var once = new Option<bool>("--once") { Description = "Run each collector once and stop, instead of on its interval" };
        var command = new Command("collect", "Run the collectors of <data>/collectors.yaml") { name, once };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            CollectorsConfiguration configuration;
            try
            {
                configuration = CollectorsConfiguration.Load(runtime.Options.DataDirectory);
            }
            catch (CollectorsFileException ex)
            {
                throw new UserException(ex.Message, ex);
            }
            var wanted = result.GetValue(name);
            var selected = configuration.Collectors.Where(c => wanted is null || c.Name == wanted).ToList();
            if (selected.Count == 0)
                throw new UserException($"there is no collector named '{wanted}' (collectors: {string.Join(", ", configuration.Collectors.Select(c => c.Name))})");
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            using var http = CollectorFactory.CreateHttpClient();
            var schedule = new CollectorSchedule(CollectorFactory.For(runtime, configuration.Limits, http),
                new CollectorRunner(runtime.Database, runtime.Time), runtime.Time);
            if (result.GetValue(once))
            {
                var outcomes = await schedule.RunOnceAsync(selected, cancellationToken);
                Print(outcomes);
                return outcomes.All(o => o.Succeeded) ? 0 : 1;
            }
            Console.WriteLine($"Collecting with {string.Join(", ", selected.Select(c => $"{c.Name} every {c.Interval}"))}. Press Ctrl+C to stop.");
            await schedule.RunAsync(selected, outcome => Print([outcome]), cancellationToken);
            return 0;
        });
        return command;
    }

    private static void Print(IReadOnlyList<CollectorOutcome> outcomes)
    {
        var table = new Table().AddColumn("collector").AddColumn(new TableColumn("taken in").RightAligned())
            .AddColumn(new TableColumn("failed").RightAligned()).AddColumn("reason");
        foreach (var o in outcomes)
            table.AddRow(Markup.Escape(o.Collector), (o.Run?.Succeeded ?? 0).ToString("N0"), (o.Run?.Failed ?? 0).ToString("N0"),
                Markup.Escape(o.Error ?? ""));
        AnsiConsole.Write(table);
    }
}

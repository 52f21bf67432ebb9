using System.CommandLine;
using Herald.Registry;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald registry import|generate</c>: the organisation registry (format in docs/registry-format.md).</summary>
internal static class RegistryCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Registry files (.csv or .json): organisations, partners, network owners", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Import or update organisations, partners and network owners") { files };
        import.SetAction(async (result, cancellationToken) =>
        {
            var paths = result.GetValue(files)!;
            OperatorFiles.Require(paths);
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var outcome = await new RegistryImporter(db).ImportFilesAsync(paths.Select(f => f.FullName), cancellationToken);
            var table = new Table().AddColumn("").AddColumn("added").AddColumn("updated").AddColumn("unchanged");
            foreach (var (name, count) in new[] { ("partners", outcome.Partners), ("network owners", outcome.NetworkOwners), ("organisations", outcome.Organisations) })
                table.AddRow(name, count.Added.ToString("N0"), count.Updated.ToString("N0"), count.Unchanged.ToString("N0"));
            AnsiConsole.Write(table);
            foreach (var problem in outcome.Problems) AnsiConsole.MarkupLine($"[red]{Markup.Escape(problem.ToString())}[/]");
            return outcome.Problems.Count == 0 ? 0 : 1;
        });

        var output = new Option<DirectoryInfo>("--output") { Description = "Where to write organisations.csv, partners.csv and network-owners.csv", Required = true };
        var organisations = new Option<int>("--organisations") { Description = "How many organisations", DefaultValueFactory = _ => 200 }.AtLeastOne();
        var seed = new Option<long>("--seed") { Description = "Seed (same seed, same registry)", DefaultValueFactory = _ => 1 };
        var generate = new Command("generate", "Write a realistic synthetic registry (all addresses on .example domains)") { output, organisations, seed };
        generate.SetAction((result, cancellationToken) =>
        {
            var directory = Directories.Create(result.GetValue(output)!.FullName, "--output");
            var runtime = HeraldCommands.Runtime(result);
            var registry = new SyntheticRegistry(runtime.Routing).Generate(new SyntheticRegistryOptions
            {
                Organisations = result.GetValue(organisations),
                Seed = result.GetValue(seed),
            });
            var written = registry.WriteCsvFiles(directory);
            foreach (var note in registry.Notes) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
            foreach (var file in written) Console.WriteLine(file);
            return Task.FromResult(0);
        });

        var command = new Command("registry", "The organisation registry");
        command.Subcommands.Add(import);
        command.Subcommands.Add(generate);
        return command;
    }
}

using System.CommandLine;
using Herald.Notify;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald templates lint [dir]</c> checks analysts' warning templates as Herald will before using them;
/// <c>herald templates export [dir]</c> writes the shipped templates out as a starting point for editing.
/// </summary>
internal static class TemplatesCommand
{
    public static Command Create()
    {
        var command = new Command("templates", "Warning templates (shipped inside Herald, overridden in <data>/templates)");
        command.Subcommands.Add(Lint());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Argument<DirectoryInfo?> Directory() => new("dir")
    {
        Description = "The template directory (default: <data>/templates)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Command Lint()
    {
        var dir = Directory();
        var lint = new Command("lint", "Check templates: links, forms, login wording, escaping, parse errors, required sections") { dir };
        lint.SetAction(async (result, cancellationToken) =>
        {
            var options = HeraldCommands.Options(result);
            var directory = result.GetValue(dir)?.FullName ?? options.TemplateDirectory;
            if (!System.IO.Directory.Exists(directory))
                throw new UserException($"{directory} does not exist ('herald templates export' writes the shipped templates there)");
            var linter = new TemplateLinter(options.Service);
            int files = 0, problems = 0;
            foreach (var (name, path) in WarningTemplates.Files(directory))
            {
                files++;
                var findings = WarningTemplates.KindOf(name) is { } kind
                    ? linter.Lint(name, kind, await File.ReadAllTextAsync(path, cancellationToken), out Fluid.IFluidTemplate? _)
                    : [new LintFinding(name, 0, "not a template name Herald knows (issues/<key>.<nl|en>.liquid or layout/<subject|text|html>.<nl|en>.liquid)")];
                foreach (var finding in findings) Console.WriteLine(finding);
                problems += findings.Count;
            }
            Console.WriteLine($"{files} template(s) checked in {directory}: {(problems == 0 ? "all usable" : $"{problems} problem(s); a template with problems is not used")}");
            return problems == 0 ? 0 : 1;
        });
        return lint;
    }

    private static Command Export()
    {
        var dir = Directory();
        var force = new Option<bool>("--force") { Description = "Overwrite templates that already exist" };
        var export = new Command("export", "Write the shipped templates to a directory for editing") { dir, force };
        export.SetAction(async (result, cancellationToken) =>
        {
            var options = HeraldCommands.Options(result);
            var directory = Directories.Create(result.GetValue(dir)?.FullName ?? options.TemplateDirectory, "the template directory");
            int written = 0, kept = 0;
            foreach (var (name, source) in WarningTemplates.Shipped())
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path) && !result.GetValue(force))
                {
                    kept++;
                    continue;
                }
                Directories.Create(Path.GetDirectoryName(path)!, "the template directory");
                await File.WriteAllTextAsync(path, source, cancellationToken);
                written++;
            }
            Console.WriteLine($"{written} template(s) written to {directory}{(kept > 0 ? $", {kept} existing kept (--force overwrites)" : "")}");
            return 0;
        });
        return export;
    }
}

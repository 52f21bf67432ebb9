using System.CommandLine;
using System.Text.Json;
using Herald.Settings;

namespace Herald.Cli.Commands;

/// <summary><c>herald config show|check</c>: the effective settings and where each came from; a settings file checked before use.</summary>
internal static class ConfigCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "As JSON: key, value and origin of each setting" };
        var show = new Command("show", "Print the effective settings, where each value came from, secrets masked") { json };
        show.SetAction((result, _) =>
        {
            var settings = HeraldCommands.Settings(result);
            var entries = settings.Entries().ToList();
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(entries.Select(e => new { key = e.Key, value = e.Value, origin = e.Origin }), Indented));
                return Task.FromResult(0);
            }
            // Plain lines, one per setting, so that the output can be searched and compared.
            var width = entries.Max(e => e.Key.Length);
            foreach (var entry in entries)
                Console.WriteLine($"{entry.Key.PadRight(width)}  {entry.Value ?? "-"}  ({entry.Origin})");
            return Task.FromResult(0);
        });

        var file = new Argument<FileInfo?>("file") { Description = "The settings file to check; default the one in use", Arity = ArgumentArity.ZeroOrOne };
        var check = new Command("check", "Check a settings file as Herald reads it at start (with the environment and --set)") { file };
        check.SetAction((result, _) =>
        {
            var path = result.GetValue(file)?.FullName;
            var settings = HeraldCommands.Settings(result, path);
            Console.WriteLine(File.Exists(settings.File)
                ? $"{settings.File}: valid"
                : $"{settings.File} does not exist: the defaults, the environment and --set are valid");
            return Task.FromResult(0);
        });

        return new Command("config", "Herald's settings: herald.json in the data directory, HERALD__Section__Key variables, --set") { show, check };
    }
}

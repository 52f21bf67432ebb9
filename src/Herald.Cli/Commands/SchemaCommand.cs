using System.CommandLine;
using Herald.Parse;

namespace Herald.Cli.Commands;

/// <summary><c>herald schema update</c>: installs Shadowserver's published report schema.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from")
        {
            Description = "A local file or an HTTPS URL",
            DefaultValueFactory = _ => ShadowserverSchema.PublishedUrl,
        };
        var update = new Command("update", "Fetch Shadowserver's report schema into the data directory") { from };
        update.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            var source = result.GetValue(from)!;
            var target = runtime.Options.EffectiveSchemaPath;
            var temp = target + ".new";
            try
            {
                if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                    await File.WriteAllBytesAsync(temp, await http.GetByteArrayAsync(uri, cancellationToken), cancellationToken);
                }
                else if (File.Exists(source))
                {
                    File.Copy(source, temp, overwrite: true);
                }
                else
                {
                    await Console.Error.WriteLineAsync($"herald: {source} is neither an existing file nor an https URL");
                    return 2;
                }
                // A schema that does not load never replaces one that does.
                var schema = ShadowserverSchema.Load(temp);
                File.Move(temp, target, overwrite: true);
                Console.WriteLine($"Installed Shadowserver schema of {schema.Created ?? "unknown date"} ({schema.Reports.Count} report types) at {target}");
                return 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidDataException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"herald: could not install the schema from {source}: {ex.Message}");
                return 1;
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        });
        var command = new Command("schema", "Shadowserver's report schema");
        command.Subcommands.Add(update);
        return command;
    }
}

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
                    throw new UserException($"{source} is neither an existing file nor an https URL");
                }
                // A schema that does not load never replaces one that does.
                ShadowserverSchema schema;
                try
                {
                    schema = ShadowserverSchema.Load(temp);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException)
                {
                    throw new UserException($"{source} is not Shadowserver's report schema: {ex.Message}", ex);
                }
                File.Move(temp, target, overwrite: true);
                Console.WriteLine($"Installed Shadowserver schema of {schema.Created ?? "unknown date"} ({schema.Reports.Count} report types) at {target}");
                return 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not the operator's mistake (the network or Shadowserver's site failed): exit code 1, saying what was fetched.
                throw new HttpRequestException($"could not fetch the schema from {source}: {ex.Message}", ex);
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

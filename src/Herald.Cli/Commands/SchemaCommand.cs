using System.CommandLine;
using Herald.Parse;

namespace Herald.Cli.Commands;

/// <summary><c>herald schema update</c>: installs Shadowserver's published report schema.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from")
        {
            Description = "A local file or an HTTPS URL. Default: Shadowserver's published schema, or the copy shipped with Herald when it cannot be downloaded",
        };
        var update = new Command("update", "Fetch Shadowserver's report schema into the data directory") { from };
        update.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            var published = result.GetValue(from) is null;
            var source = result.GetValue(from) ?? ShadowserverSchema.PublishedUrl;
            var target = runtime.Options.EffectiveSchemaPath;
            var temp = target + ".new";
            try
            {
                if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
                {
                    // Offline, the shipped copy is installed instead: do not keep the person waiting long for it.
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(published ? 15 : 60) };
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
            // Whatever the published address answered that is not a schema (an error page, a portal's JSON) counts as not downloaded.
            catch (Exception ex) when (published && !cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException
                or UserException or System.Text.Json.JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
            {
                return await InstallShippedAsync(target, temp, $"could not download {source} ({ex.Message})", cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidDataException or TaskCanceledException)
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

    /// <summary>Installs the copy shipped with Herald, unless the installed schema is at least as new; says which in one line.</summary>
    private static async Task<int> InstallShippedAsync(string target, string temp, string why, CancellationToken cancellationToken)
    {
        await using (var shipped = ShadowserverSchema.OpenShipped())
        await using (var file = File.Create(temp))
            await shipped.CopyToAsync(file, cancellationToken);
        var schema = ShadowserverSchema.Load(temp);
        var copy = $"the copy shipped with Herald ({ShadowserverSchema.ShippedVersion}, Shadowserver schema of {schema.Created})";
        if (InstalledDate(target) is { } installed && string.CompareOrdinal(installed, schema.Created) >= 0)
        {
            Console.WriteLine($"herald: {why}; kept the installed schema of {installed} at {target}, not older than {copy}");
            return 0;
        }
        File.Move(temp, target, overwrite: true);
        Console.WriteLine($"herald: {why}; installed {copy} instead, {schema.Reports.Count} report types, at {target}");
        return 0;
    }

    // A schema that no longer loads counts as absent: the shipped copy replaces it.
    private static string? InstalledDate(string path)
    {
        try
        {
            return File.Exists(path) ? ShadowserverSchema.Load(path).Created : null;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

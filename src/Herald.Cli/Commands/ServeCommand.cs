using System.CommandLine;
using Herald.Web;
using Microsoft.Extensions.Hosting;

namespace Herald.Cli.Commands;

/// <summary><c>herald serve</c>: the web application and the pipeline workers on the embedded defaults.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen; loopback by default because analyst pages have no accounts yet",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("serve", "Run the web application and the workers") { urls };
        command.SetAction(async (result, cancellationToken) =>
        {
            var address = result.GetValue(urls)!;
            foreach (var url in address.Split(';', StringSplitOptions.TrimEntries))
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new UserException($"--urls '{url}' is not an http:// or https:// address such as http://127.0.0.1:5080");
            var settings = HeraldCommands.Settings(result);
            var runtime = new HeraldRuntime(settings.Options, HeraldCommands.Time(result));
            runtime.RequireSendable();
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            var app = HeraldWeb.Build(["--urls", address], runtime, settings: settings.Configuration);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                // Kestrel's "Failed to bind to address …: address already in use."
                throw new UserException(ex.Message, ex);
            }
            Console.WriteLine($"Herald is running at {address}/warnings (data in {runtime.Options.DataDirectory}). Press Ctrl+C to stop.");
            Console.WriteLine($"Warnings go through {DeliverCommand.Describe(runtime)}, signed with {runtime.SigningSummary}.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}

using Herald.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Support;

/// <summary>The real web application on Kestrel, on a free loopback port, for one test.</summary>
internal sealed class RunningWeb : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningWeb(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public static async Task<RunningWeb> StartAsync(HeraldRuntime runtime)
    {
        var app = HeraldWeb.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development"], runtime);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningWeb(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

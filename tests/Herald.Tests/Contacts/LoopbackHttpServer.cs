using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Contacts;

/// <summary>A real Kestrel server on a free loopback port that answers paths from a table, and counts the requests.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body)> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    private LoopbackHttpServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyCollection<string> Requests => _requests;

    public static async Task<LoopbackHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackHttpServer(app);
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            server._requests.Enqueue(path);
            if (!server._answers.TryGetValue(path, out var answer))
            {
                context.Response.StatusCode = 404;
                return;
            }
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/rdap+json";
            await context.Response.Body.WriteAsync(answer.Body);
        });
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    public void Serve(string path, byte[] body, int status = 200) => _answers[path] = (status, body);

    public void Serve(string path, string body, int status = 200) => Serve(path, System.Text.Encoding.UTF8.GetBytes(body), status);

    public int CountOf(string path) => _requests.Count(r => r == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

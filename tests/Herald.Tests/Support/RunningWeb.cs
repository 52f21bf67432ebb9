using System.Security.Cryptography.X509Certificates;
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

    private RunningWeb(WebApplication app, Uri address, HttpMessageHandler? handler = null)
    {
        _app = app;
        Client = handler is null ? new HttpClient { BaseAddress = address } : new HttpClient(handler) { BaseAddress = address };
    }

    // The application's console log would land in the output of CLI tests that capture the console meanwhile.
    private const string Quiet = "--Logging:Console:LogLevel:Default=None";

    public HttpClient Client { get; }

    /// <param name="settings">Configuration as <c>--Section:Key=value</c> arguments, as an operator would give them.</param>
    public static async Task<RunningWeb> StartAsync(HeraldRuntime runtime, params string[] settings)
    {
        var app = HeraldWeb.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development", Quiet, .. settings], runtime);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningWeb(app, new Uri(address));
    }

    /// <summary>
    /// The application over HTTPS, configured as the README tells operators (a PEM certificate and key through
    /// <c>Kestrel:Certificates:Default</c>), with a certificate from <see cref="TestCertificates"/>; the client trusts that authority only.
    /// </summary>
    public static async Task<RunningWeb> StartHttpsAsync(HeraldRuntime runtime, string certificateDirectory, params string[] settings)
    {
        using var certificate = TestCertificates.Server("127.0.0.1", "localhost");
        var certPath = System.IO.Path.Combine(certificateDirectory, "herald.crt");
        var keyPath = System.IO.Path.Combine(certificateDirectory, "herald.key");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        using (var key = certificate.GetECDsaPrivateKey()!)
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        var app = HeraldWeb.Build(["--urls", "https://127.0.0.1:0", "--environment", "Development", Quiet,
            $"--Kestrel:Certificates:Default:Path={certPath}", $"--Kestrel:Certificates:Default:KeyPath={keyPath}", .. settings], runtime);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningWeb(app, new Uri(address), TestCertificates.TrustingHandler());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

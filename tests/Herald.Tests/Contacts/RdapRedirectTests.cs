using System.Net;
using Herald.Contacts;
using Herald.Net;
using Herald.Tests.Net;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Contacts;

/// <summary>
/// RDAP through the SSRF-safe handler over loopback HTTPS: a registry that redirects (as RFC 7480 bootstrap
/// servers do) is followed, a bounded number of times, and every hop's address is checked.
/// </summary>
public sealed class RdapRedirectTests : IDisposable
{
    private const string Network = """
        {"objectClassName":"ip network","handle":"NET-192-0-2-0","entities":[{"handle":"AB-1","roles":["abuse"],
          "vcardArray":["vcard",[["version",{},"text","4.0"],["email",{},"text","abuse@registry.example"]]]}]}
        """;

    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    /// <summary>A client as production makes it (the safe handler, loopback allowed and the test authority trusted), with IANA-style bootstrap files pointing at <paramref name="registry"/>.</summary>
    private async Task<(RdapClient Client, HttpClient Http)> ClientAsync(Uri registry, int maxRedirects = 5)
    {
        var safety = SafeFetcherTests.LoopbackOptions;
        var http = new HttpClient(SafeHttpHandler.Create(safety)) { Timeout = safety.Timeout };
        var ipv4 = Path.Combine(_dir.Path, "ipv4.json");
        await File.WriteAllTextAsync(ipv4, $$"""{"version":"1.0","services":[[["192.0.2.0/24"],["{{registry.AbsoluteUri}}"]]]}""");
        var options = new RdapOptions { BootstrapSources = [ipv4], MaxRedirects = maxRedirects };
        var bootstrap = await RdapClient.LoadBootstrapAsync(http, options, CancellationToken.None);
        Assert.Empty(bootstrap.Problems);
        return (new RdapClient(http, bootstrap, options, _time), http);
    }

    [Fact]
    public async Task A_redirect_to_another_allowed_registry_is_followed_and_its_abuse_contact_found()
    {
        await using var holder = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/rdap/ip/192.0.2.10", () => Results.Text(Network, "application/rdap+json")));
        await using var bootstrapServer = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/rdap/ip/{address}", (string address) => Results.Redirect(new Uri(holder.BaseAddress, "rdap/ip/" + address).AbsoluteUri)));
        var (client, http) = await ClientAsync(new Uri(bootstrapServer.BaseAddress, "rdap/"));
        using (http)
        {
            var answer = await client.FindNetworkAsync(IPAddress.Parse("192.0.2.10"), CancellationToken.None);

            Assert.Empty(answer.Problems);
            Assert.Equal("NET-192-0-2-0", answer.Handle);
            Assert.Equal("abuse@registry.example", Assert.Single(answer.AbuseContacts).Address);
        }
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_refused_before_connecting_and_recorded_as_the_problem()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/rdap/ip/{address}", (string address) => Results.Redirect("https://10.0.0.1/rdap/ip/" + address)));
        var (client, http) = await ClientAsync(new Uri(server.BaseAddress, "rdap/"));
        using (http)
        {
            var answer = await client.FindNetworkAsync(IPAddress.Parse("192.0.2.10"), CancellationToken.None);

            Assert.Empty(answer.AbuseContacts);
            var problem = Assert.Single(answer.Problems);
            Assert.Contains("redirected to https://10.0.0.1/rdap/ip/192.0.2.10", problem, StringComparison.Ordinal);
            Assert.Contains("refused: 10.0.0.1 is a private address", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Redirects_are_followed_only_up_to_the_limit_and_never_down_to_plain_http()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/loop/ip/{address}", (string address) => Results.Redirect("/loop/ip/" + address));
            app.MapGet("/down/ip/{address}", (string address) => Results.Redirect("http://127.0.0.1:1/ip/" + address));
        });
        var (looping, loopHttp) = await ClientAsync(new Uri(server.BaseAddress, "loop/"), maxRedirects: 3);
        using (loopHttp)
        {
            var answer = await looping.FindNetworkAsync(IPAddress.Parse("192.0.2.10"), CancellationToken.None);
            Assert.Contains("more than 3 redirects", Assert.Single(answer.Problems), StringComparison.Ordinal);
        }

        var (downgrading, downHttp) = await ClientAsync(new Uri(server.BaseAddress, "down/"));
        using (downHttp)
        {
            var answer = await downgrading.FindNetworkAsync(IPAddress.Parse("192.0.2.10"), CancellationToken.None);
            Assert.Contains("the redirect to http://127.0.0.1:1/ip/192.0.2.10 is refused", Assert.Single(answer.Problems), StringComparison.Ordinal);
        }
    }
}

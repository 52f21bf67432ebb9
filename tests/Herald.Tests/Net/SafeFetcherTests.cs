using System.Net;
using Herald.Net;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Net;

/// <summary>The fetcher against a real HTTPS server on loopback, which the test configuration allows and trusts.</summary>
public sealed class SafeFetcherTests
{
    internal static SafeHttpOptions LoopbackOptions => new()
    {
        AllowedNetworks = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")],
        ExtraTrustRoot = TestCertificates.Authority,
        Timeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task A_page_on_an_allowed_loopback_server_is_fetched_with_status_type_and_body()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/hello", () => "hello"));
        using var fetcher = new SafeFetcher(LoopbackOptions);

        var result = await fetcher.FetchAsync(new Uri(server.BaseAddress, "hello"));

        Assert.Null(result.Failure);
        Assert.Equal(200, result.StatusCode);
        Assert.StartsWith("text/plain", result.ContentType, StringComparison.Ordinal);
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(result.Body));
    }

    [Fact]
    public async Task Loopback_is_refused_with_the_reason_unless_the_configuration_allows_it()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/", () => "x"));
        using var fetcher = new SafeFetcher(LoopbackOptions with { AllowedNetworks = [] });

        var result = await fetcher.FetchAsync(server.BaseAddress);

        Assert.Equal(FetchFailureKind.Refused, result.Failure?.Kind);
        Assert.Equal("refused: 127.0.0.1 is a loopback address", result.Failure?.Message);
    }

    [Fact]
    public async Task A_private_address_is_refused_directly_and_when_a_redirect_points_there()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/away", () => Results.Redirect("https://10.0.0.1/.well-known/security.txt")));
        using var fetcher = new SafeFetcher(LoopbackOptions);

        var direct = await fetcher.FetchAsync(new Uri("https://10.0.0.1/.well-known/security.txt"));
        Assert.Equal(FetchFailureKind.Refused, direct.Failure?.Kind);
        Assert.Equal("refused: 10.0.0.1 is a private address", direct.Failure?.Message);

        var redirected = await fetcher.FetchAsync(new Uri(server.BaseAddress, "away"));
        Assert.Equal(FetchFailureKind.Refused, redirected.Failure?.Kind);
        Assert.Equal("refused: 10.0.0.1 is a private address", redirected.Failure?.Message);
        Assert.Equal([new Uri(server.BaseAddress, "away"), new Uri("https://10.0.0.1/.well-known/security.txt")], redirected.Chain);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_like_the_address()
    {
        using var fetcher = new SafeFetcher(LoopbackOptions with { AllowedNetworks = [] });

        var result = await fetcher.FetchAsync(new Uri("https://localhost:1/"));

        Assert.Equal(FetchFailureKind.Refused, result.Failure?.Kind);
        Assert.Matches("^refused: (127\\.0\\.0\\.1|::1) is a loopback address$", result.Failure?.Message);
    }

    [Fact]
    public async Task Redirects_are_followed_by_hand_within_the_hop_limit_and_never_to_plain_http()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/r/{n:int}", (int n) => n == 0 ? Results.Text("arrived") : Results.Redirect($"/r/{n - 1}"));
            app.MapGet("/to-http", () => Results.Redirect("http://127.0.0.1:1/"));
        });
        using var fetcher = new SafeFetcher(LoopbackOptions with { MaxRedirects = 3 });

        var arrived = await fetcher.FetchAsync(new Uri(server.BaseAddress, "r/3"));
        Assert.Equal("arrived", System.Text.Encoding.UTF8.GetString(arrived.Body));
        Assert.Equal(4, arrived.Chain.Count);
        Assert.Equal(new Uri(server.BaseAddress, "r/0"), arrived.FinalUri);

        var tooMany = await fetcher.FetchAsync(new Uri(server.BaseAddress, "r/4"));
        Assert.Equal(FetchFailureKind.TooManyRedirects, tooMany.Failure?.Kind);

        var http = await fetcher.FetchAsync(new Uri(server.BaseAddress, "to-http"));
        Assert.Equal(FetchFailureKind.SchemeNotAllowed, http.Failure?.Kind);
        Assert.Equal("refused: http:// is not allowed (http://127.0.0.1:1/)", http.Failure?.Message);
    }

    [Fact]
    public async Task A_body_over_the_limit_fails_while_it_is_read_even_without_a_length()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/declared", () => Results.Text(new string('a', 5000)));
            app.MapGet("/chunked", async (HttpContext context) =>
            {
                for (var i = 0; i < 10; i++) await context.Response.WriteAsync(new string('b', 1000));
            });
        });
        using var fetcher = new SafeFetcher(LoopbackOptions with { MaxResponseBytes = 4096 });

        var declared = await fetcher.FetchAsync(new Uri(server.BaseAddress, "declared"));
        Assert.Equal(FetchFailureKind.TooLarge, declared.Failure?.Kind);
        var chunked = await fetcher.FetchAsync(new Uri(server.BaseAddress, "chunked"));
        Assert.Equal(FetchFailureKind.TooLarge, chunked.Failure?.Kind);
        Assert.Equal("response is larger than the limit of 4096 bytes", chunked.Failure?.Message);
    }

    [Fact]
    public async Task Certificates_are_validated_expired_and_unknown_authorities_fail()
    {
        await using var expired = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/", () => "x"), TestCertificates.ExpiredServer());
        await using var untrusted = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/", () => "x"), TestCertificates.UntrustedServer());
        using var fetcher = new SafeFetcher(LoopbackOptions);

        Assert.Equal(FetchFailureKind.InvalidCertificate, (await fetcher.FetchAsync(expired.BaseAddress)).Failure?.Kind);
        Assert.Equal(FetchFailureKind.InvalidCertificate, (await fetcher.FetchAsync(untrusted.BaseAddress)).Failure?.Kind);
    }

    [Fact]
    public async Task No_cookie_set_by_a_server_is_sent_back()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/set", (HttpContext context) =>
            {
                context.Response.Cookies.Append("session", "secret");
                return Results.Redirect("/echo");
            });
            app.MapGet("/echo", (HttpContext context) => Results.Text(context.Request.Headers.Cookie.ToString()));
        });
        using var fetcher = new SafeFetcher(LoopbackOptions);

        var result = await fetcher.FetchAsync(new Uri(server.BaseAddress, "set"));

        Assert.Equal(200, result.StatusCode);
        Assert.Empty(result.Body);
    }
}

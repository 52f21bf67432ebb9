using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Support;

public sealed class LoopbackHttpsServerTests
{
    [Fact]
    public async Task A_client_trusting_the_test_authority_gets_the_page()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/hello", () => "hello"));
        using var client = server.CreateClient();

        Assert.Equal("hello", await client.GetStringAsync(new Uri("hello", UriKind.Relative)));
        Assert.Equal("https", server.BaseAddress.Scheme);
    }

    [Fact]
    public async Task A_certificate_from_another_authority_is_refused()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/", () => "x"), TestCertificates.UntrustedServer());
        using var client = server.CreateClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(server.BaseAddress));
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/", () => Results.Ok()), TestCertificates.ExpiredServer());
        using var client = server.CreateClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(server.BaseAddress));
    }
}

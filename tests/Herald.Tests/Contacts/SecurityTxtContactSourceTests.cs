using System.Text;
using Herald.Contacts;
using Herald.Net;
using Herald.SecurityTxt;
using Herald.Tests.Net;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Contacts;

/// <summary>The fallback chain's security.txt contacts, fetched from a real HTTPS server on loopback through the safe fetcher.</summary>
public sealed class SecurityTxtContactSourceTests
{
    private static Task<LoopbackHttpsServer> ServeAsync(string content) => LoopbackHttpsServer.StartAsync(app =>
        app.MapGet("/.well-known/security.txt", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/plain; charset=utf-8";
            await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(content));
        }));

    private static async Task<IReadOnlyList<DiscoveredContact>> FindAsync(LoopbackHttpsServer server)
    {
        using var fetcher = new SafeFetcher(SafeFetcherTests.LoopbackOptions);
        var source = new SecurityTxtContactSource(new SecurityTxtFetcher(fetcher, TimeProvider.System));
        return await source.FindAsync(server.BaseAddress.ToString(), CancellationToken.None);
    }

    private static string Expires(int days) =>
        TimeProvider.System.GetUtcNow().AddDays(days).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_valid_file_gives_its_e_mail_and_phone_contacts_but_not_a_web_form()
    {
        await using var server = await ServeAsync(
            $"Contact: mailto:security@bakkerij-jansen.example\nContact: tel:+31-20-123-4567\nContact: https://bakkerij-jansen.example/report\nExpires: {Expires(60)}\n");

        var contacts = await FindAsync(server);

        Assert.Equal([("security@bakkerij-jansen.example", ContactKind.Email), ("+31-20-123-4567", ContactKind.Phone)],
            contacts.Select(c => (c.Address, c.Kind)).ToArray());
        Assert.All(contacts, c => Assert.Equal(ContactSource.SecurityTxt, c.Source));
        Assert.All(contacts, c => Assert.EndsWith("/.well-known/security.txt", c.Origin, StringComparison.Ordinal));
        Assert.All(contacts, c => Assert.NotNull(c.VerifiedAt));
    }

    [Fact]
    public async Task An_expired_file_gives_no_contacts_so_the_chain_falls_back_to_the_registry()
    {
        await using var server = await ServeAsync($"Contact: mailto:security@bakkerij-jansen.example\nExpires: {Expires(-1)}\n");

        Assert.Empty(await FindAsync(server));
    }
}

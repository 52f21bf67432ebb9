using System.Net;
using Herald.Contacts;
using Herald.Tests.Support;

namespace Herald.Tests.Contacts;

/// <summary>Forward and reverse lookups against a real dnsmasq on loopback, cached on a test clock.</summary>
public sealed class DnsLookupTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static Task<DnsmasqServer> StartAsync(params string[] records) =>
        DnsmasqServer.StartAsync("herald.test", 300,
        [
            "--host-record=www.shop.herald.test,192.0.2.10,2001:db8::10",
            "--host-record=mail.herald.test,192.0.2.11",
            "--ptr-record=10.2.0.192.in-addr.arpa,www.shop.herald.test",
            .. records,
        ]);

    [ProgramFact("dnsmasq")]
    public async Task Finds_the_IPv4_and_IPv6_addresses_of_a_host()
    {
        using var dns = await StartAsync();
        var lookup = new DnsLookup(new DnsOptions { Resolver = dns.EndPoint }, new TestTime(Start));

        var answer = await lookup.ForwardAsync("WWW.Shop.Herald.Test.", CancellationToken.None);

        Assert.True(answer.Succeeded, answer.Problem);
        Assert.Equal(["192.0.2.10", "2001:db8::10"], answer.Values);
        Assert.Equal(Start.AddSeconds(300), answer.ExpiresAt);
        Assert.Equal(["192.0.2.11"], (await lookup.ForwardAsync("mail.herald.test", CancellationToken.None)).Values);
    }

    [ProgramFact("dnsmasq")]
    public async Task Finds_the_host_name_of_an_address()
    {
        using var dns = await StartAsync();
        var lookup = new DnsLookup(new DnsOptions { Resolver = dns.EndPoint }, new TestTime(Start));

        var answer = await lookup.ReverseAsync(IPAddress.Parse("192.0.2.10"), CancellationToken.None);

        Assert.Equal(["www.shop.herald.test"], answer.Values);
    }

    [ProgramFact("dnsmasq")]
    public async Task Records_a_name_that_does_not_exist_as_a_failed_lookup()
    {
        using var dns = await StartAsync();
        var lookup = new DnsLookup(new DnsOptions { Resolver = dns.EndPoint }, new TestTime(Start));

        var answer = await lookup.ForwardAsync("nothing.herald.test", CancellationToken.None);
        var reverse = await lookup.ReverseAsync(IPAddress.Parse("192.0.2.99"), CancellationToken.None);

        Assert.False(answer.Succeeded);
        Assert.Empty(answer.Values);
        Assert.Contains("nothing.herald.test", answer.Problem, StringComparison.Ordinal);
        Assert.False(reverse.Succeeded);
    }

    [ProgramFact("dnsmasq")]
    public async Task Keeps_an_answer_for_its_TTL_and_asks_again_when_it_expires()
    {
        var time = new TestTime(Start);
        var first = await StartAsync();
        var endpoint = first.EndPoint;
        var lookup = new DnsLookup(new DnsOptions { Resolver = endpoint }, time);
        var before = await lookup.ForwardAsync("mail.herald.test", CancellationToken.None);
        first.Dispose();

        // The server is gone: within the TTL the cached answer is used, after it the lookup fails and says why.
        time.Now = Start.AddSeconds(299);
        var cached = await lookup.ForwardAsync("mail.herald.test", CancellationToken.None);
        time.Now = Start.AddSeconds(301);
        var expired = await lookup.ForwardAsync("mail.herald.test", CancellationToken.None);

        Assert.Equal(before.Values, cached.Values);
        Assert.True(cached.Succeeded);
        Assert.False(expired.Succeeded);
        Assert.NotNull(expired.Problem);
    }

    [Fact]
    public async Task Records_a_timeout_when_the_resolver_does_not_answer()
    {
        // A UDP socket that receives but never answers.
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var lookup = new DnsLookup(new DnsOptions { Resolver = (IPEndPoint)silent.LocalEndPoint!, Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 }, new TestTime(Start));

        var answer = await lookup.ReverseAsync(IPAddress.Parse("192.0.2.10"), CancellationToken.None);

        Assert.False(answer.Succeeded);
        Assert.Empty(answer.Values);
        Assert.Equal(Start.AddMinutes(5), answer.ExpiresAt);
    }

    [Fact]
    public void Reads_the_resolver_address_and_port_and_refuses_nonsense()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5353), DnsOptions.ParseResolver("127.0.0.1:5353"));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 53), DnsOptions.ParseResolver("[::1]"));
        Assert.Throws<InvalidOperationException>(() => DnsOptions.ParseResolver("resolver.example"));
    }
}

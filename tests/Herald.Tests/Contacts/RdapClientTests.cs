using System.Net;
using Herald.Contacts;
using Herald.Tests.Support;

namespace Herald.Tests.Contacts;

/// <summary>RDAP over a real HTTP server on loopback: real registry answers from tests/data/rdap and malformed ones of our own.</summary>
public sealed class RdapClientTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(Start);
    private readonly HttpClient _http = new();
    private LoopbackHttpServer _server = null!;

    private static string Rdap(string name) => Path.Combine(TestData.RdapDir, name);

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync();
        var arin = new Uri(_server.Address, "arin/").AbsoluteUri;
        var other = new Uri(_server.Address, "other/").AbsoluteUri;
        // Bootstrap files in IANA's format (RFC 9224), pointing at the loopback server.
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, "ipv4.json"), $$"""
            {"version":"1.0","publication":"2026-11-01T00:00:00Z","services":[
              [["192.0.0.0/8"],["{{other}}"]],
              [["192.198.0.0/16"],["{{arin}}"]],
              [["198.51.100.0/24","203.0.113.0/24"],["{{other}}"]]]}
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, "ipv6.json"), $$"""
            {"version":"1.0","services":[[["2001:db8::/32"],["{{other}}"]]]}
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, "asn.json"), $$"""
            {"version":"1.0","services":[[["16509","64496-64511"],["{{arin}}"]]]}
            """);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    private async Task<RdapClient> ClientAsync(RdapOptions? options = null)
    {
        options ??= new RdapOptions();
        options = options with { BootstrapSources = new[] { "ipv4.json", "ipv6.json", "asn.json" }.Select(f => Path.Combine(_dir.Path, f)).ToList() };
        var bootstrap = await RdapClient.LoadBootstrapAsync(_http, options, CancellationToken.None);
        Assert.Empty(bootstrap.Problems);
        return new RdapClient(_http, bootstrap, options, _time);
    }

    [Fact]
    public async Task Finds_the_abuse_contact_of_an_ARIN_network_nested_under_the_registrant()
    {
        _server.Serve("/arin/ip/192.198.1.7", await File.ReadAllBytesAsync(Rdap("network_192_198_0_0.json")));
        var client = await ClientAsync();

        var answer = await client.FindNetworkAsync(IPAddress.Parse("192.198.1.7"), CancellationToken.None);

        Assert.Equal("NET-192-198-0-0-1", answer.Handle);
        var email = Assert.Single(answer.AbuseContacts, c => c.Kind == ContactKind.Email);
        Assert.Equal("daniel.petsinger@radiolinkinternet.com", email.Address);
        Assert.Equal(ContactSource.Rdap, email.Source);
        Assert.Contains("PETSI-ARIN", email.Origin);
        Assert.Equal(Start, email.VerifiedAt);
        Assert.Contains(answer.AbuseContacts, c => c is { Kind: ContactKind.Phone, Address: "+15074174176" });
        Assert.Empty(answer.Problems);
    }

    [Fact]
    public async Task Finds_the_abuse_contact_of_an_autnum_two_levels_down()
    {
        _server.Serve("/arin/autnum/16509", await File.ReadAllBytesAsync(Rdap("autnum_16509.json")));
        var client = await ClientAsync();

        var answer = await client.FindAutnumAsync(16509, CancellationToken.None);

        Assert.Equal("abuse@amazonaws.com", Assert.Single(answer.AbuseContacts, c => c.Kind == ContactKind.Email).Address);
        // The routing, NOC and technical contacts are not abuse contacts.
        Assert.DoesNotContain(answer.AbuseContacts, c => c.Address.Contains("routing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Falls_back_to_the_autnum_when_the_network_names_no_abuse_contact()
    {
        _server.Serve("/other/ip/198.51.100.9", """{"objectClassName":"ip network","handle":"NET-EMPTY","entities":[]}""");
        _server.Serve("/arin/autnum/16509", await File.ReadAllBytesAsync(Rdap("autnum_16509.json")));
        var client = await ClientAsync();

        var answer = await client.FindAbuseAsync(IPAddress.Parse("198.51.100.9"), 16509, CancellationToken.None);

        Assert.Equal("abuse@amazonaws.com", answer.AbuseContacts.Single(c => c.Kind == ContactKind.Email).Address);
        Assert.Contains(answer.Problems, p => p.Contains("no entity with the abuse role", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_a_registry_error_answer_without_contacts()
    {
        _server.Serve("/other/ip/203.0.113.5", await File.ReadAllBytesAsync(Rdap("error_ripe_net.json")), 501);
        var client = await ClientAsync();

        var answer = await client.FindNetworkAsync(IPAddress.Parse("203.0.113.5"), CancellationToken.None);

        Assert.Empty(answer.AbuseContacts);
        Assert.Contains("error 501", Assert.Single(answer.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all {", "not JSON")]
    [InlineData("[1,2,3]", "not an RDAP object")]
    [InlineData("""{"handle":"X"}""", "no known objectClassName")]
    [InlineData("""{"objectClassName":"ip network","entities":{"roles":["abuse"]}}""", "entities is not an array")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":"abuse"}]}""", "roles is not an array")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"]}]}""", "has no vcardArray")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":"abuse@x.example"}]}""", "not a jCard")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email","abuse@x.example"]]]}]}""", "not a jCard property")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email",{},"text",42]]]}]}""", "value is not a string")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email",{},"text","REDACTED FOR PRIVACY"]]]}]}""", "redaction placeholder")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email",{},"text","removed@ripe.net"]]]}]}""", "placeholder address")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email",{},"text",""]]]}]}""", "empty")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email",{},"text","abuse at x dot example"]]]}]}""", "not a valid e-mail address")]
    [InlineData("""{"objectClassName":"ip network","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email",{},"text","Abuse <abuse@x.example>"]]]}]}""", "not a valid e-mail address")]
    public async Task Rejects_a_malformed_answer_with_the_reason_and_finds_no_contact(string body, string reason)
    {
        _server.Serve("/other/ip/203.0.113.5", body);
        var client = await ClientAsync();

        var answer = await client.FindNetworkAsync(IPAddress.Parse("203.0.113.5"), CancellationToken.None);

        Assert.Empty(answer.AbuseContacts);
        Assert.Contains(answer.Problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keeps_the_valid_address_beside_a_placeholder_and_reports_the_placeholder()
    {
        _server.Serve("/other/ip/2001:db8::1", """
            {"objectClassName":"ip network","handle":"V6","entities":[{"roles":["registrant"],"entities":[{"handle":"AB-1","roles":["abuse"],
              "vcardArray":["vcard",[["version",{},"text","4.0"],["email",{},"text","removed@registry.example"],["email",{},"text","Abuse@Net.Example"],
                ["tel",{"type":"fax"},"uri","tel:+31.201234567"]]]}]}]}
            """);
        var client = await ClientAsync();

        var answer = await client.FindNetworkAsync(IPAddress.Parse("2001:db8::1"), CancellationToken.None);

        var contact = Assert.Single(answer.AbuseContacts);
        Assert.Equal("abuse@net.example", contact.Address);
        Assert.Contains(answer.Problems, p => p.Contains("removed@registry.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refuses_an_answer_larger_than_the_limit()
    {
        var padding = new string(' ', 5000);
        _server.Serve("/other/ip/203.0.113.5", $$"""{"objectClassName":"ip network"{{padding}}}""");
        var client = await ClientAsync(new RdapOptions { MaxResponseBytes = 4096 });

        var answer = await client.FindNetworkAsync(IPAddress.Parse("203.0.113.5"), CancellationToken.None);

        Assert.Empty(answer.AbuseContacts);
        Assert.Contains("limit of 4096", Assert.Single(answer.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_when_no_registry_is_known_or_the_object_is_missing()
    {
        var client = await ClientAsync();

        var unknown = await client.FindNetworkAsync(IPAddress.Parse("10.1.2.3"), CancellationToken.None);
        var missing = await client.FindNetworkAsync(IPAddress.Parse("203.0.113.77"), CancellationToken.None);

        Assert.Contains("no RDAP registry is known", Assert.Single(unknown.Problems), StringComparison.Ordinal);
        Assert.Contains("404", Assert.Single(missing.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reuses_an_answer_for_its_lifetime_and_asks_again_afterwards()
    {
        _server.Serve("/arin/autnum/64500", """
            {"objectClassName":"autnum","handle":"AS64500","entities":[{"roles":["abuse"],"vcardArray":["vcard",[["email",{},"text","abuse@as64500.example"]]]}]}
            """);
        var client = await ClientAsync(new RdapOptions { CacheLifetime = TimeSpan.FromHours(1) });

        await client.FindAutnumAsync(64500, CancellationToken.None);
        _time.Now = Start.AddMinutes(59);
        var cached = await client.FindAutnumAsync(64500, CancellationToken.None);
        Assert.Equal(1, _server.CountOf("/arin/autnum/64500"));
        Assert.Equal(Start, cached.AbuseContacts[0].VerifiedAt);

        _time.Now = Start.AddMinutes(61);
        var fresh = await client.FindAutnumAsync(64500, CancellationToken.None);
        Assert.Equal(2, _server.CountOf("/arin/autnum/64500"));
        Assert.Equal(Start.AddMinutes(61), fresh.AbuseContacts[0].VerifiedAt);
    }

    [Fact]
    public async Task Limits_the_rate_per_registry_and_lets_requests_through_as_tokens_return()
    {
        for (var asn = 64496; asn <= 64499; asn++)
            _server.Serve($"/arin/autnum/{asn}", $$"""{"objectClassName":"autnum","handle":"AS{{asn}}"}""");
        _server.Serve("/other/ip/203.0.113.5", """{"objectClassName":"ip network","handle":"NET"}""");
        var client = await ClientAsync(new RdapOptions { Burst = 2, RequestsPerSecond = 0.5, MaxRateLimitWait = TimeSpan.Zero });

        await client.FindAutnumAsync(64496, CancellationToken.None);
        await client.FindAutnumAsync(64497, CancellationToken.None);
        var limited = await client.FindAutnumAsync(64498, CancellationToken.None);
        // Another registry has a bucket of its own.
        var otherRegistry = await client.FindNetworkAsync(IPAddress.Parse("203.0.113.5"), CancellationToken.None);

        Assert.Contains("rate limit", Assert.Single(limited.Problems), StringComparison.Ordinal);
        Assert.Equal(0, _server.CountOf("/arin/autnum/64498"));
        Assert.Equal("NET", otherRegistry.Handle);

        _time.Now = Start.AddSeconds(2);
        var later = await client.FindAutnumAsync(64498, CancellationToken.None);
        Assert.Equal("AS64498", later.Handle);
        Assert.Equal(1, _server.CountOf("/arin/autnum/64498"));
    }

    [Fact]
    public void Reports_unreadable_bootstrap_entries_and_keeps_the_rest()
    {
        var bootstrap = new RdapBootstrap();
        bootstrap.Add("broken.json", "{"u8);
        bootstrap.Add("odd.json", """{"services":[[["not-a-prefix","192.0.2.0/24"],["https://rdap.example/"]],[["1-2"],["ftp://x.example/"]],"x"]}"""u8);

        Assert.Equal(1, bootstrap.NetworkCount);
        Assert.Equal(new Uri("https://rdap.example/"), Assert.Single(bootstrap.ServersFor(IPAddress.Parse("192.0.2.1"))));
        Assert.Contains(bootstrap.Problems, p => p.StartsWith("broken.json: not JSON", StringComparison.Ordinal));
        Assert.Contains(bootstrap.Problems, p => p.Contains("'not-a-prefix'", StringComparison.Ordinal));
        Assert.Contains(bootstrap.Problems, p => p.Contains("no usable http(s) URL", StringComparison.Ordinal));
        Assert.Contains(bootstrap.Problems, p => p.Contains("service 3 is not", StringComparison.Ordinal));
    }
}

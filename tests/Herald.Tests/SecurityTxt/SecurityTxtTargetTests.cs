using Herald.SecurityTxt;

namespace Herald.Tests.SecurityTxt;

public sealed class SecurityTxtTargetTests
{
    [Theory]
    [InlineData("Example.NL", "example.nl")]
    [InlineData("example.nl.", "example.nl")]
    [InlineData("https://www.example.nl/some/page", "www.example.nl")]
    [InlineData("https://127.0.0.1:8443/", "127.0.0.1:8443")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("not a domain", null)]
    [InlineData("example.nl/path", null)]
    [InlineData("", null)]
    public void A_target_becomes_the_host_and_port_to_look_at(string target, string? expected) =>
        Assert.Equal(expected, SecurityTxtFetcher.Authority(target));
}

using Herald.Contacts;

namespace Herald.Tests.Contacts;

/// <summary>The public suffix algorithm: rules, wildcards, exceptions, the implicit "*" rule; and the real list.</summary>
public sealed class PublicSuffixListTests
{
    private static readonly PublicSuffixList Small = PublicSuffixList.Parse(
    [
        "// a comment",
        "com",
        "uk",
        "co.uk",
        "*.ck",
        "!www.ck",
        "jp",
        "*.kawasaki.jp",
        "!city.kawasaki.jp",
        "",
        "xn--p1ai",
    ]);

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("www.Example.COM.", "example.com")]
    [InlineData("a.b.example.co.uk", "example.co.uk")]
    [InlineData("example.unlisted", "example.unlisted")]
    [InlineData("b.test.ck", "b.test.ck")]
    [InlineData("a.b.test.ck", "b.test.ck")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("a.www.ck", "www.ck")]
    [InlineData("www.test.kawasaki.jp", "www.test.kawasaki.jp")]
    [InlineData("city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("a.city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("пример.рф", "xn--e1afmkfd.xn--p1ai")]
    public void Finds_the_registered_domain(string host, string expected) =>
        Assert.Equal(expected, Small.RegisteredDomain(host));

    [Theory]
    [InlineData("com")]
    [InlineData("co.uk")]
    [InlineData("test.ck")]
    [InlineData("ck")]
    [InlineData("test.kawasaki.jp")]
    [InlineData("")]
    [InlineData("a..b.com")]
    [InlineData(".com")]
    public void A_public_suffix_or_an_invalid_name_has_no_registered_domain(string host) =>
        Assert.Null(Small.RegisteredDomain(host));

    [PublicSuffixFact]
    public void The_real_list_links_host_names_to_their_registered_domain()
    {
        var list = PublicSuffixList.Load(PublicSuffixFactAttribute.ListPath);

        Assert.True(list.RuleCount > 5000);
        Assert.Equal("example.co.uk", list.RegisteredDomain("www.shop.example.co.uk"));
        Assert.Equal("bakkerij.nl", list.RegisteredDomain("mail.bakkerij.nl"));
        Assert.Equal("gemeente.amsterdam", list.RegisteredDomain("loket.gemeente.amsterdam"));
        Assert.Equal("b.test.ck", list.RegisteredDomain("a.b.test.ck"));
        Assert.Equal("city.kawasaki.jp", list.RegisteredDomain("www.city.kawasaki.jp"));
        Assert.Null(list.RegisteredDomain("co.uk"));
    }
}

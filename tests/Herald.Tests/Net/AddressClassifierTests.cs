using System.Net;
using Herald.Net;

namespace Herald.Tests.Net;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("8.8.8.8", AddressCategory.Public)]
    [InlineData("145.100.1.1", AddressCategory.Public)]
    [InlineData("0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("0.1.2.3", AddressCategory.Unspecified)]
    [InlineData("10.0.0.1", AddressCategory.Private)]
    [InlineData("172.16.0.1", AddressCategory.Private)]
    [InlineData("172.31.255.255", AddressCategory.Private)]
    [InlineData("172.32.0.1", AddressCategory.Public)]
    [InlineData("192.168.1.1", AddressCategory.Private)]
    [InlineData("100.64.0.1", AddressCategory.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressCategory.SharedAddressSpace)]
    [InlineData("100.128.0.1", AddressCategory.Public)]
    [InlineData("127.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.255.0.9", AddressCategory.Loopback)]
    [InlineData("169.254.169.254", AddressCategory.LinkLocal)]
    [InlineData("192.0.0.8", AddressCategory.Reserved)]
    [InlineData("192.0.2.10", AddressCategory.Documentation)]
    [InlineData("198.51.100.7", AddressCategory.Documentation)]
    [InlineData("203.0.113.200", AddressCategory.Documentation)]
    [InlineData("198.18.5.5", AddressCategory.Benchmarking)]
    [InlineData("192.88.99.1", AddressCategory.Reserved)]
    [InlineData("224.0.0.251", AddressCategory.Multicast)]
    [InlineData("239.255.255.250", AddressCategory.Multicast)]
    [InlineData("240.0.0.1", AddressCategory.Reserved)]
    [InlineData("255.255.255.255", AddressCategory.Broadcast)]
    public void IPv4_addresses_fall_in_the_IANA_special_purpose_ranges(string address, AddressCategory expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("2a00:1450:400e:80c::200e", AddressCategory.Public)]
    [InlineData("2001:610:1:40ba::1", AddressCategory.Public)]
    [InlineData("::", AddressCategory.Unspecified)]
    [InlineData("::1", AddressCategory.Loopback)]
    [InlineData("fc00::1", AddressCategory.UniqueLocal)]
    [InlineData("fd12:3456:789a::1", AddressCategory.UniqueLocal)]
    [InlineData("fe80::1", AddressCategory.LinkLocal)]
    [InlineData("fec0::1", AddressCategory.Private)]
    [InlineData("ff02::1", AddressCategory.Multicast)]
    [InlineData("2001:db8::1", AddressCategory.Documentation)]
    [InlineData("3fff:0fff::1", AddressCategory.Documentation)]
    [InlineData("2001:2::1", AddressCategory.Benchmarking)]
    [InlineData("2001::1", AddressCategory.Reserved)]
    [InlineData("100::1", AddressCategory.Reserved)]
    [InlineData("::0.0.0.2", AddressCategory.Reserved)]
    [InlineData("4000::1", AddressCategory.Reserved)]
    public void IPv6_addresses_fall_in_the_IANA_special_purpose_ranges(string address, AddressCategory expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:10.0.0.1", AddressCategory.Private)]
    [InlineData("::ffff:127.0.0.1", AddressCategory.Loopback)]
    [InlineData("::ffff:8.8.8.8", AddressCategory.Public)]
    [InlineData("64:ff9b::192.168.0.1", AddressCategory.Private)]
    [InlineData("64:ff9b::8.8.8.8", AddressCategory.Public)]
    [InlineData("2002:0a00:0001::1", AddressCategory.Private)]
    [InlineData("2002:7f00:0001::1", AddressCategory.Loopback)]
    [InlineData("2002:0808:0808::1", AddressCategory.Public)]
    public void IPv6_forms_that_carry_an_IPv4_address_are_judged_by_that_address(string address, AddressCategory expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void The_policy_names_the_address_and_its_kind_and_lets_allowed_networks_through()
    {
        var strict = new AddressPolicy([]);
        Assert.Equal("10.0.0.1 is a private address", strict.RefusalReason(IPAddress.Parse("10.0.0.1")));
        Assert.Equal("127.0.0.1 is a loopback address", strict.RefusalReason(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Null(strict.RefusalReason(IPAddress.Parse("8.8.8.8")));

        var loopbackAllowed = new AddressPolicy([IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")]);
        Assert.Null(loopbackAllowed.RefusalReason(IPAddress.Loopback));
        Assert.Null(loopbackAllowed.RefusalReason(IPAddress.IPv6Loopback));
        Assert.Null(loopbackAllowed.RefusalReason(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal("10.0.0.1 is a private address", loopbackAllowed.RefusalReason(IPAddress.Parse("10.0.0.1")));
    }
}

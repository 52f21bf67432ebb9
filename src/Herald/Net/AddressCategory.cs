namespace Herald.Net;

/// <summary>What kind of address an IP address is, as far as deciding whether Herald may connect to it.</summary>
public enum AddressCategory
{
    /// <summary>A globally routable unicast address.</summary>
    Public,
    Unspecified,
    Loopback,
    /// <summary>RFC 1918 (IPv4) or site-local (IPv6).</summary>
    Private,
    /// <summary>IPv6 unique local addresses, fc00::/7.</summary>
    UniqueLocal,
    LinkLocal,
    /// <summary>Carrier-grade NAT space, 100.64.0.0/10.</summary>
    SharedAddressSpace,
    Multicast,
    Broadcast,
    Documentation,
    Benchmarking,
    /// <summary>Everything else set aside by IANA: protocol assignments, future use, transition mechanisms.</summary>
    Reserved,
}

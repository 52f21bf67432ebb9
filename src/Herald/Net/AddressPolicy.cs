using System.Net;

namespace Herald.Net;

/// <summary>Decides whether Herald may connect to an address: public addresses always, special ones only when allowed.</summary>
public sealed class AddressPolicy(IReadOnlyList<IPNetwork> allowedNetworks)
{
    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is allowed.</summary>
    public string? RefusalReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var category = AddressClassifier.Classify(address);
        if (category == AddressCategory.Public) return null;
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in allowedNetworks)
        {
            if (network.Contains(plain)) return null;
        }
        return $"{plain} is {AddressClassifier.Describe(category)}";
    }
}

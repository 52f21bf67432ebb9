using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Herald.Contacts;

/// <summary>
/// IANA's RDAP bootstrap registries (RFC 9224: ipv4.json, ipv6.json, asn.json): which registry answers for an
/// address or an AS number. Most specific prefix wins for addresses.
/// </summary>
public sealed class RdapBootstrap
{
    private readonly List<(IPNetwork Network, Uri[] Servers)> _networks = [];
    private readonly List<(long First, long Last, Uri[] Servers)> _asns = [];

    /// <summary>What could not be read from the registry files, with file and reason.</summary>
    public List<string> Problems { get; } = [];

    public int NetworkCount => _networks.Count;
    public int AsnRangeCount => _asns.Count;

    /// <summary>Reads one bootstrap file (address or AS registry, told apart by its entries).</summary>
    public void Add(string name, ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            Problems.Add($"{name}: not JSON ({ex.Message})");
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("services", out var services) || services.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{name}: no 'services' array, so not an RDAP bootstrap registry");
                return;
            }
            var index = 0;
            foreach (var service in services.EnumerateArray())
            {
                index++;
                if (service.ValueKind != JsonValueKind.Array || service.GetArrayLength() < 2
                    || service[0].ValueKind != JsonValueKind.Array || service[1].ValueKind != JsonValueKind.Array)
                {
                    Problems.Add($"{name}: service {index} is not [[entries], [urls]]");
                    continue;
                }
                var servers = service[1].EnumerateArray()
                    .Select(u => u.ValueKind == JsonValueKind.String && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var uri)
                        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null)
                    .OfType<Uri>()
                    // RFC 9224: prefer HTTPS when both are offered.
                    .OrderBy(u => u.Scheme == Uri.UriSchemeHttps ? 0 : 1)
                    .Select(u => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/"))
                    .ToArray();
                if (servers.Length == 0)
                {
                    Problems.Add($"{name}: service {index} has no usable http(s) URL");
                    continue;
                }
                foreach (var entry in service[0].EnumerateArray())
                {
                    var text = entry.ValueKind == JsonValueKind.String ? entry.GetString() ?? "" : "";
                    if (IPNetwork.TryParse(text, out var network)) _networks.Add((network, servers));
                    else if (TryParseAsnRange(text, out var first, out var last)) _asns.Add((first, last, servers));
                    else Problems.Add($"{name}: service {index}: '{text}' is neither a prefix nor an AS range");
                }
            }
        }
        _networks.Sort((a, b) => b.Network.PrefixLength.CompareTo(a.Network.PrefixLength));
    }

    /// <summary>The registries for an address, most specific prefix first; empty when none is known.</summary>
    public IReadOnlyList<Uri> ServersFor(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var (network, servers) in _networks)
            if (network.Contains(address)) return servers;
        return [];
    }

    /// <summary>The registries for an AS number; empty when none is known.</summary>
    public IReadOnlyList<Uri> ServersFor(long asn)
    {
        foreach (var (first, last, servers) in _asns)
            if (asn >= first && asn <= last) return servers;
        return [];
    }

    private static bool TryParseAsnRange(string text, out long first, out long last)
    {
        var dash = text.IndexOf('-');
        var style = NumberStyles.None;
        if (dash < 0)
        {
            var ok = long.TryParse(text, style, CultureInfo.InvariantCulture, out first);
            last = first;
            return ok;
        }
        last = 0;
        return long.TryParse(text.AsSpan(0, dash), style, CultureInfo.InvariantCulture, out first)
            && long.TryParse(text.AsSpan(dash + 1), style, CultureInfo.InvariantCulture, out last) && last >= first;
    }
}

using System.Globalization;
using System.Net;
using nietras.SeparatedValues;

namespace Herald.Enrich;

/// <summary>
/// Public routing data in memory: IP range to AS (number, name) and to country, from the CSV files of
/// the npm packages <c>@ip-location-db/asn</c> and <c>@ip-location-db/asn-country</c>.
/// </summary>
public sealed class RoutingTable(IpRangeTable<AsInfo> asns, IpRangeTable<string>? countries)
{
    public IpRangeTable<AsInfo> Asns { get; } = asns;
    public IpRangeTable<string>? Countries { get; } = countries;

    public AsInfo? FindAs(IPAddress ip) => Asns.TryFind(ip, out var a) ? a : null;

    public string? FindCountry(IPAddress ip) => Countries is not null && Countries.TryFind(ip, out var c) ? c : null;

    /// <summary>
    /// Loads <c>asn/asn-ipv4.csv</c>, <c>asn/asn-ipv6.csv</c> and, when present, <c>asn-country/asn-country-ipv4.csv</c>
    /// and <c>asn-country/asn-country-ipv6.csv</c> under <paramref name="directory"/>; null when there is no ASN data.
    /// </summary>
    public static RoutingTable? TryLoad(string directory)
    {
        var v4 = Path.Combine(directory, "asn", "asn-ipv4.csv");
        if (!File.Exists(v4)) return null;
        var asns = new IpRangeTable<AsInfo>.Builder();
        var names = new Dictionary<long, AsInfo>();
        foreach (var file in new[] { v4, Path.Combine(directory, "asn", "asn-ipv6.csv") })
        {
            if (!File.Exists(file)) continue;
            ReadRanges(file, 4, (start, end, cols) =>
            {
                if (!long.TryParse(cols[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return;
                if (!names.TryGetValue(number, out var info) || info.Name != cols[1])
                    names[number] = info = new AsInfo(number, cols[1]);
                asns.Add(start, end, info);
            });
        }
        IpRangeTable<string>.Builder? countries = null;
        foreach (var file in new[] { "asn-country-ipv4.csv", "asn-country-ipv6.csv" }.Select(f => Path.Combine(directory, "asn-country", f)))
        {
            if (!File.Exists(file)) continue;
            countries ??= new IpRangeTable<string>.Builder();
            var codes = new Dictionary<string, string>(StringComparer.Ordinal);
            ReadRanges(file, 3, (start, end, cols) =>
            {
                if (!codes.TryGetValue(cols[0], out var code)) codes[cols[0]] = code = cols[0];
                countries.Add(start, end, code);
            });
        }
        return new RoutingTable(asns.Build(), countries?.Build());
    }

    private static void ReadRanges(string file, int columns, Action<IPAddress, IPAddress, string[]> add)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(file);
        var rest = new string[columns - 2];
        foreach (var row in reader)
        {
            if (row.ColCount < columns) continue;
            if (!IPAddress.TryParse(row[0].Span, out var start) || !IPAddress.TryParse(row[1].Span, out var end)) continue;
            for (var i = 0; i < rest.Length; i++) rest[i] = row[i + 2].ToString();
            add(start, end, rest);
        }
    }
}

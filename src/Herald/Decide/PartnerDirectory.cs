using System.Globalization;
using Herald.Storage;

namespace Herald.Decide;

/// <summary>The partner registry as routing reads it: partners by code, and whose constituency covers a sector or AS.</summary>
public sealed class PartnerDirectory
{
    private readonly Dictionary<string, Partner> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _bySector = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, string> _byAsn = [];

    public PartnerDirectory(IEnumerable<Partner> partners)
    {
        // Ordered by code so that an overlap between two constituencies resolves the same way every time.
        foreach (var p in partners.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            _byCode[p.Code] = p;
            foreach (var sector in Split(p.Sectors)) _bySector.TryAdd(sector, p.Code);
            foreach (var asn in Split(p.Asns))
                if (long.TryParse(asn.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? asn[2..] : asn, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    _byAsn.TryAdd(n, p.Code);
        }
    }

    public Partner? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The partner whose constituency covers the AS or (else) the sector, if any.</summary>
    public string? ConstituencyOf(string? sector, long? asn) =>
        asn is { } a && _byAsn.TryGetValue(a, out var byAsn) ? byAsn
        : sector is not null && _bySector.TryGetValue(sector, out var bySector) ? bySector : null;

    private static string[] Split(string? list) =>
        list is null ? [] : list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

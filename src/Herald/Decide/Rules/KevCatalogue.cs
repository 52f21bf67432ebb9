using System.Text.Json;

namespace Herald.Decide.Rules;

/// <summary>CISA's Known Exploited Vulnerabilities catalogue: the CVE ids of its JSON feed (<c>vulnerabilities[].cveID</c>).</summary>
public sealed class KevCatalogue
{
    private readonly HashSet<string> _cves;

    private KevCatalogue(HashSet<string> cves, string? version)
    {
        _cves = cves;
        Version = version;
    }

    public static KevCatalogue Empty { get; } = new([], null);

    /// <summary>The catalogue's own version (<c>catalogVersion</c>), when it gives one.</summary>
    public string? Version { get; }

    public int Count => _cves.Count;

    public bool Contains(string cve) => _cves.Contains(cve);

    /// <summary>A catalogue of the given CVE ids (rule tests).</summary>
    public static KevCatalogue Of(IEnumerable<string> cves) => new(new HashSet<string>(cves, StringComparer.OrdinalIgnoreCase), null);

    /// <summary>Reads the catalogue; a file that is not the KEV JSON format is bad configuration and throws with the reason.</summary>
    public static KevCatalogue Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        if (!doc.RootElement.TryGetProperty("vulnerabilities", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path} is not a KEV catalogue: it has no 'vulnerabilities' array");
        var cves = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in list.EnumerateArray())
            if (item.TryGetProperty("cveID", out var id) && id.GetString() is { Length: > 0 } cve) cves.Add(cve.Trim().ToUpperInvariant());
        var version = doc.RootElement.TryGetProperty("catalogVersion", out var v) ? v.GetString() : null;
        return new KevCatalogue(cves, version);
    }
}

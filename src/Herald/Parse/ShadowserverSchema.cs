using System.Text.Json;

namespace Herald.Parse;

/// <summary>Shadowserver's published report schema (the IntelMQ mapping file): every report type and its columns.</summary>
public sealed class ShadowserverSchema
{
    /// <summary>Where Shadowserver publishes the schema; <c>herald schema update</c> fetches it.</summary>
    public const string PublishedUrl = "https://interchange.shadowserver.org/intelmq/v1/schema";

    /// <summary>Where the copy shipped with Herald comes from (<c>Parse/Schema/README.md</c>).</summary>
    public const string ShippedVersion = "report_schema 8e06fb9";

    private const string ShippedResource = "Herald.Parse.Schema.intelmq.json";

    private readonly Dictionary<string, ReportMapping> _byName;

    private ShadowserverSchema(Dictionary<string, ReportMapping> byName, string? created)
    {
        _byName = byName;
        Created = created;
    }

    /// <summary>The schema's own creation date (<c>_meta.date_created</c>).</summary>
    public string? Created { get; }

    public IReadOnlyCollection<ReportMapping> Reports => _byName.Values.Distinct().ToList();

    public static ShadowserverSchema Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads a schema; a malformed schema is bad configuration and fails with the reason.</summary>
    public static ShadowserverSchema Load(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var byName = new Dictionary<string, ReportMapping>(StringComparer.OrdinalIgnoreCase);
        string? created = null;
        foreach (var report in doc.RootElement.EnumerateObject())
        {
            if (report.Name == "_meta")
            {
                if (report.Value.TryGetProperty("date_created", out var dc)) created = dc.GetString();
                continue;
            }
            var v = report.Value;
            var mapping = new ReportMapping(
                report.Name,
                v.GetProperty("feed_name").GetString()!,
                v.TryGetProperty("file_name", out var fn) ? fn.GetString()! : report.Name,
                ReadFields(report.Name, v, "required_fields"),
                ReadFields(report.Name, v, "optional_fields"),
                v.TryGetProperty("constant_fields", out var cf)
                    ? cf.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                    : new Dictionary<string, string>());
            byName[report.Name] = mapping;
            byName.TryAdd(mapping.FileName, mapping);
        }
        return new ShadowserverSchema(byName, created);
    }

    /// <summary>The copy of the published schema shipped with Herald, for when the published one cannot be downloaded.</summary>
    public static Stream OpenShipped() =>
        typeof(ShadowserverSchema).Assembly.GetManifestResourceStream(ShippedResource)
        ?? throw new InvalidOperationException($"The assembly lacks the resource {ShippedResource}.");

    public ReportMapping? Find(string reportType) => _byName.GetValueOrDefault(reportType);

    /// <summary>
    /// The report type named by a file name: <c>YYYY-MM-DD-&lt;type&gt;-&lt;scope&gt;[-geo].csv</c>, <c>&lt;type&gt;-&lt;scope&gt;[-geo].csv</c> or <c>&lt;type&gt;.csv</c>.
    /// </summary>
    public ReportMapping? FindByFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        foreach (var ext in new[] { ".gz", ".zip", ".csv" })
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) name = name[..^ext.Length];
        if (Find(name) is { } whole) return whole;
        // Report types use underscores, never dashes: what follows the first dash is scope and geo.
        var rest = name.Length > 11 && char.IsAsciiDigit(name[0]) && name[4] == '-' && name[7] == '-' && name[10] == '-' ? name[11..] : name;
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return Find(dash < 0 ? rest : rest[..dash]);
    }

    private static List<FieldMapping> ReadFields(string report, JsonElement v, string property)
    {
        var list = new List<FieldMapping>();
        if (!v.TryGetProperty(property, out var fields)) return list;
        foreach (var f in fields.EnumerateArray())
        {
            var target = f[0].GetString()!;
            var column = f[1].GetString()!;
            var conversion = f.GetArrayLength() > 2 ? ParseConversion(report, f[2].GetString()!) : Conversion.None;
            list.Add(new FieldMapping(target, column, conversion));
        }
        return list;
    }

    private static Conversion ParseConversion(string report, string name) =>
        Conversions.ByName.TryGetValue(name, out var conversion) ? conversion
            : throw new InvalidDataException($"Shadowserver schema: report '{report}' names an unknown conversion '{name}'.");
}

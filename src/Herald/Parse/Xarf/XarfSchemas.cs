using System.Text.Json;
using Json.Schema;

namespace Herald.Parse.Xarf;

/// <summary>The published X-ARF v4 JSON schemas (core, master and one per type), loaded from a directory the operator installs.</summary>
/// <remarks>Herald ships no copy: the directory is <see cref="HeraldOptions.EffectiveXarfSchemaDirectory"/> (<c>HERALD_XARF_SCHEMAS</c>).</remarks>
public sealed class XarfSchemas
{
    private const string Master = "xarf-v4-master.json";
    private readonly JsonSchema _master;

    private XarfSchemas(JsonSchema master) => _master = master;

    /// <summary>Loads the schemas from <paramref name="directory"/> (or its <c>v4</c> folder); throws when they are not there.</summary>
    public static XarfSchemas Load(string directory)
    {
        var root = File.Exists(Path.Combine(directory, Master)) ? directory : Path.Combine(directory, "v4");
        if (!File.Exists(Path.Combine(root, Master)))
            throw new UserException($"The X-ARF v4 schemas are not in {directory} (no {Master}). Copy xarf-spec's schemas/v4 there or set HERALD_XARF_SCHEMAS.");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        // The core first, then the types that refer to it, then the master that refers to them all.
        var files = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .OrderBy(f => Path.GetFileName(f) == Master ? 2 : Path.GetFileName(f) == "xarf-core.json" ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal).ToList();
        JsonSchema? master = null;
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var schema = JsonSchema.FromText(File.ReadAllText(file), options, new Uri("https://xarf.org/schemas/v4/" + relative));
            options.SchemaRegistry.Register(schema);
            if (relative == Master) master = schema;
        }
        return new XarfSchemas(master!);
    }

    /// <summary>Checks a report against the master schema; returns the errors as "instance path: message", none when valid.</summary>
    public List<string> Validate(JsonElement report)
    {
        var result = _master.Evaluate(report, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var errors = new List<string>();
        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is null) continue;
            foreach (var (keyword, message) in detail.Errors)
            {
                var text = $"{(detail.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {message} ({keyword})";
                if (!errors.Contains(text)) errors.Add(text);
            }
        }
        return errors.Count > 0 ? errors : ["the report does not match the X-ARF v4 schema"];
    }
}

using Herald.Events;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Herald.Parse.Mapping;

/// <summary>Reads and checks a column mapping (docs/mapping-format.md); every problem is reported with its line and column.</summary>
public static class MappingLoader
{
    private const int MaxBytes = 1 << 20;
    private const int MaxDepth = 16;

    // Conversions that read fixed Shadowserver column names make no sense for a partner's columns.
    private static readonly HashSet<Conversion> ShadowserverOnly =
    [
        Conversion.CategoryOrDetail, Conversion.ScanExchangeTaxonomy, Conversion.ScanExchangeType,
        Conversion.ScanExchangeIdentifier, Conversion.ConvertHttpHostAndUrl,
    ];

    private static readonly string[] RootKeys = ["name", "format", "delimiter", "keep_unmapped", "constants", "fields"];
    private static readonly string[] FieldKeys = ["target", "source", "conversion", "required"];

    /// <summary>The fields a mapping must fill from the data: without them a row says neither when nor about which address.</summary>
    public static readonly string[] RequiredTargets = [EventFields.TimeSource, EventFields.SourceIp];

    public static ColumnMapping LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes) throw new InvalidMappingException(path, [new MappingError(1, 1, $"the file is larger than {MaxBytes:N0} bytes")]);
        return Load(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads a mapping from its YAML text; throws <see cref="InvalidMappingException"/> listing every problem.</summary>
    public static ColumnMapping Load(string yaml, string file = "mapping")
    {
        var errors = new List<MappingError>();
        if (yaml.Length > MaxBytes) Fail(file, new MappingError(1, 1, $"the text is longer than {MaxBytes:N0} characters"));
        CheckDepth(yaml, file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            Fail(file, new MappingError(ex.Start.Line, ex.Start.Column, "not valid YAML: " + (ex.InnerException?.Message ?? ex.Message)));
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Fail(file, new MappingError(1, 1, "a mapping is one YAML document with the keys name, format, constants and fields"));
            return null!;
        }

        string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { } value }) return value;
            errors.Add(At(node, $"{what} must be a single value"));
            return null;
        }

        var name = "mapping";
        var format = MappingFormat.Csv;
        var delimiter = ',';
        var keepUnmapped = true;
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<MappedField>();
        YamlNode? fieldsNode = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode, "a key");
            switch (key)
            {
                case "name":
                    name = Scalar(value, "name") ?? name;
                    break;
                case "format":
                    switch (Scalar(value, "format"))
                    {
                        case "csv": format = MappingFormat.Csv; break;
                        case "jsonl": format = MappingFormat.JsonLines; break;
                        case "json": format = MappingFormat.JsonArray; break;
                        case { } other: errors.Add(At(value, $"unknown format '{other}': use csv, jsonl (one JSON object per line) or json (an array of objects)")); break;
                    }
                    break;
                case "delimiter":
                    if (Scalar(value, "delimiter") is { } d)
                    {
                        if (d == "\\t") d = "\t";
                        if (d.Length != 1 || d[0] is '"' or '\n' or '\r') errors.Add(At(value, $"the delimiter must be one character other than a quote or line break, not '{d}'"));
                        else delimiter = d[0];
                    }
                    break;
                case "keep_unmapped":
                    if (Scalar(value, "keep_unmapped") is { } k)
                    {
                        if (bool.TryParse(k, out var b)) keepUnmapped = b;
                        else errors.Add(At(value, $"keep_unmapped must be true or false, not '{k}'"));
                    }
                    break;
                case "constants":
                    ReadConstants(value, constants, errors, Scalar);
                    break;
                case "fields":
                    fieldsNode = value;
                    ReadFields(value, fields, errors, Scalar);
                    break;
                case { } unknown:
                    errors.Add(At(keyNode, $"unknown key '{unknown}'; a mapping has {string.Join(", ", RootKeys)}"));
                    break;
            }
        }

        if (fieldsNode is null) errors.Add(At(root, "the mapping has no fields"));
        foreach (var target in RequiredTargets)
            if (!fields.Exists(f => f.Target == target))
                errors.Add(At(fieldsNode ?? root, $"no field fills {target}, which every event needs"));
        if (errors.Count > 0) throw new InvalidMappingException(file, errors);

        var all = fields.Select(f => f.Required || RequiredTargets.Contains(f.Target) ? f with { Required = true } : f).ToList();
        return new ColumnMapping(name, format, delimiter, all, constants, keepUnmapped, yaml);
    }

    private static void ReadConstants(YamlNode node, Dictionary<string, string> constants, List<MappingError> errors, Func<YamlNode, string, string?> scalar)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add(At(node, "constants must be a map of field: value"));
            return;
        }
        var probe = new Event();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (scalar(keyNode, "a field name") is not { } field || scalar(valueNode, $"the constant for {keyNode}") is not { } value) continue;
            if (!IntelMqFields.IsKnown(field)) errors.Add(At(keyNode, $"unknown target field '{field}'"));
            else if (EventFieldSetter.TrySet(probe, field, value) is { } problem) errors.Add(At(valueNode, problem));
            else if (!constants.TryAdd(field, value)) errors.Add(At(keyNode, $"{field} is set twice"));
        }
    }

    private static void ReadFields(YamlNode node, List<MappedField> fields, List<MappingError> errors, Func<YamlNode, string, string?> scalar)
    {
        if (node is not YamlSequenceNode list)
        {
            errors.Add(At(node, "fields must be a list of entries with target, source and optionally conversion and required"));
            return;
        }
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                errors.Add(At(item, "each field is a map with target, source and optionally conversion and required"));
                continue;
            }
            string? target = null, source = null;
            var conversion = Conversion.None;
            var required = false;
            foreach (var (keyNode, value) in entry.Children)
            {
                switch (scalar(keyNode, "a key"))
                {
                    case "target":
                        target = scalar(value, "target");
                        if (target is not null && !IntelMqFields.IsKnown(target)) errors.Add(At(value, $"unknown target field '{target}'"));
                        break;
                    case "source":
                        source = scalar(value, "source");
                        if (source is { Length: 0 }) errors.Add(At(value, "source must name a column or JSON property"));
                        break;
                    case "conversion":
                        var name = scalar(value, "conversion");
                        if (name is null) break;
                        if (!Conversions.ByName.TryGetValue(name, out conversion))
                            errors.Add(At(value, $"unknown conversion '{name}'; known: {string.Join(", ", Conversions.ByName.Where(c => !ShadowserverOnly.Contains(c.Value)).Select(c => c.Key))}"));
                        else if (ShadowserverOnly.Contains(conversion))
                            errors.Add(At(value, $"conversion '{name}' reads fixed Shadowserver columns and cannot be used in a mapping"));
                        break;
                    case "required":
                        if (scalar(value, "required") is { } r && !bool.TryParse(r, out required))
                            errors.Add(At(value, $"required must be true or false, not '{r}'"));
                        break;
                    case { } unknown:
                        errors.Add(At(keyNode, $"unknown key '{unknown}' in a field; a field has {string.Join(", ", FieldKeys)}"));
                        break;
                }
            }
            if (target is null) errors.Add(At(entry, "the field has no target"));
            if (source is null) errors.Add(At(entry, "the field has no source"));
            if (target is null || source is null) continue;
            if (fields.Exists(f => f.Target == target)) errors.Add(At(entry, $"{target} is filled twice"));
            fields.Add(new MappedField(target, source, conversion, required, (int)entry.Start.Line));
        }
    }

    /// <summary>Rejects deep nesting from the event stream, before the node tree (built recursively) is made.</summary>
    private static void CheckDepth(string yaml, string file)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth) Fail(file, new MappingError(parser.Current.Start.Line, parser.Current.Start.Column, $"nested deeper than {MaxDepth} levels"));
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            Fail(file, new MappingError(ex.Start.Line, ex.Start.Column, "not valid YAML: " + (ex.InnerException?.Message ?? ex.Message)));
        }
    }

    private static MappingError At(YamlNode node, string message) => new(node.Start.Line, node.Start.Column, message);

    private static void Fail(string file, MappingError error) => throw new InvalidMappingException(file, [error]);
}

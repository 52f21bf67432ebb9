using Herald.Parse.Mapping;
using Herald.Storage;

namespace Herald.Collect.Upload;

/// <summary>Limits of the upload API (configuration section <c>Upload</c>).</summary>
public sealed record UploadOptions
{
    /// <summary>The largest report accepted, in bytes; a larger body is refused while it streams in (413).</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Uploads one key may make per minute; more are refused with 429.</summary>
    public int PermitsPerMinute { get; init; } = 30;

    /// <summary>How many rejected rows a receipt lists (all are stored and counted).</summary>
    public int RejectionsInReceipt { get; init; } = 1000;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (MaxBytes < 1) yield return ("Upload:MaxBytes", "must be positive");
        if (PermitsPerMinute < 1) yield return ("Upload:PermitsPerMinute", "must be at least 1");
        if (RejectionsInReceipt < 0) yield return ("Upload:RejectionsInReceipt", "must be 0 or more");
    }

    /// <summary>File name endings accepted for a source's format (for a mapping, the shape it reads).</summary>
    public static IReadOnlyList<string> ExtensionsOf(Source source) => source.Format switch
    {
        "shadowserver" => [".csv"],
        "intelmq" => [".json", ".jsonl"],
        "xarf" => [".json"],
        "mapped" when source.Mapping is { } mapping => MappingLoader.Load(mapping, "the mapping").Format switch
        {
            MappingFormat.Csv => [".csv"],
            MappingFormat.JsonLines => [".jsonl", ".json"],
            MappingFormat.JsonArray => [".json"],
            _ => [],
        },
        _ => [],
    };
}

using System.Text;
using Herald.Events;
using Herald.Parse;

namespace Herald.Tests.Parse;

/// <summary>Runs a report through <see cref="ShadowserverParser"/> and collects what came out.</summary>
internal static class Reports
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    public static List<ParsedRow> Parse(ShadowserverSchema schema, byte[] content, string fileName, string? reportType = null)
    {
        using var stream = new MemoryStream(content, writable: false);
        return [.. new ShadowserverParser(schema).Parse(stream, new ParseContext(fileName, reportType, ReceivedAt), CancellationToken.None)];
    }

    public static List<ParsedRow> Parse(ShadowserverSchema schema, string content, string fileName, string? reportType = null) =>
        Parse(schema, Encoding.UTF8.GetBytes(content), fileName, reportType);

    public static List<ParsedRow> ParseFile(ShadowserverSchema schema, string path) =>
        Parse(schema, File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>The event's IntelMQ fields as a lookup (values as IntelMQ JSON would carry them).</summary>
    public static Dictionary<string, object> Fields(Event e) =>
        IntelMqJson.Pairs(e).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

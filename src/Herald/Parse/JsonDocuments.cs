using System.Globalization;
using System.Text.Json;

namespace Herald.Parse;

/// <summary>Bounded reading of whole JSON documents and the small helpers the JSON parsers share.</summary>
internal static class JsonDocuments
{
    /// <summary>Reads the whole stream unless it is larger than <paramref name="maxBytes"/>; then null with the reason.</summary>
    public static byte[]? ReadBounded(Stream content, long maxBytes, out string? tooLarge)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                tooLarge = $"the JSON document is larger than the limit of {maxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes; " +
                    "send large data as JSON lines (one object per line)";
                return null;
            }
            buffer.Write(chunk, 0, n);
        }
        tooLarge = null;
        return buffer.ToArray();
    }

    /// <summary>Finds the byte ranges of the elements of a top-level JSON array, without building them.</summary>
    public static List<(int Start, int Length)>? SplitArray(byte[] bytes, int maxDepth, out string? error)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { MaxDepth = maxDepth });
        var records = new List<(int, int)>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                error = "the document is not a JSON array of objects";
                return null;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var from = (int)reader.TokenStartIndex;
                reader.Skip();
                records.Add((start + from, (int)reader.BytesConsumed - from));
            }
            if (reader.Read())
            {
                error = "there is more after the JSON array";
                return null;
            }
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {ex.Message}";
            return null;
        }
        error = null;
        return records;
    }

    /// <summary>The value at a property path: the exact property name first, then dotted steps (a number indexes an array).</summary>
    public static string? Find(JsonElement root, string path)
    {
        if (root.TryGetProperty(path, out var exact)) return Text(exact);
        var current = root;
        foreach (var step in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                     && i < current.GetArrayLength()) current = current[i];
            else return null;
        }
        return Text(current);
    }

    /// <summary>A JSON value as text: strings as they are, null as absent, anything else as its JSON.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}

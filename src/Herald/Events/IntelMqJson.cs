using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Herald.Events;

/// <summary>IntelMQ's JSON event format: one object per line, dotted keys, <c>raw</c> in base64.</summary>
public static class IntelMqJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one event as one line of JSON (keys sorted, as IntelMQ's output bots do).</summary>
    /// <param name="includeRaw">False where the raw line is kept beside the JSON (the database), to store it once and unencoded.</param>
    public static string Write(Event e, bool includeRaw = true)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (key, value) in Pairs(e))
            {
                if (!includeRaw && key == EventFields.Raw) continue;
                switch (value)
                {
                    case string s: w.WriteString(key, s); break;
                    case long l: w.WriteNumber(key, l); break;
                    case int i: w.WriteNumber(key, i); break;
                    case double d: WriteDouble(w, key, d); break;
                    case bool b: w.WriteBoolean(key, b); break;
                    default: w.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Every field of the event with its IntelMQ name and JSON value, sorted by name.</summary>
    public static IEnumerable<KeyValuePair<string, object>> Pairs(Event e)
    {
        // A list sorted once is several times cheaper than a SortedDictionary for ~30 fields; keys are unique by construction.
        var all = new List<KeyValuePair<string, object>>(24 + e.Fields.Count + e.Extra.Count);
        void Add(string key, object? value)
        {
            if (value is not null) all.Add(new(key, value));
        }
        Add(EventFields.TimeSource, e.TimeSource is { } ts ? EventValues.FormatTime(ts) : null);
        Add(EventFields.TimeObservation, e.TimeObservation is { } to ? EventValues.FormatTime(to) : null);
        Add(EventFields.FeedName, e.FeedName);
        Add(EventFields.FeedProvider, e.FeedProvider);
        Add(EventFields.ClassificationTaxonomy, e.ClassificationTaxonomy);
        Add(EventFields.ClassificationType, e.ClassificationType);
        Add(EventFields.ClassificationIdentifier, e.ClassificationIdentifier);
        Add(EventFields.SourceIp, e.SourceIp?.ToString());
        Add(EventFields.SourcePort, e.SourcePort is { } p ? (long)p : null);
        Add(EventFields.SourceAsn, e.SourceAsn);
        Add(EventFields.SourceAsName, e.SourceAsName);
        Add(EventFields.SourceNetwork, e.SourceNetwork);
        Add(EventFields.SourceFqdn, e.SourceFqdn);
        Add(EventFields.SourceReverseDns, e.SourceReverseDns);
        Add(EventFields.SourceUrl, e.SourceUrl);
        Add(EventFields.SourceGeolocationCc, e.SourceGeolocationCc);
        Add(EventFields.ProtocolTransport, e.ProtocolTransport);
        Add(EventFields.ProtocolApplication, e.ProtocolApplication);
        Add(EventFields.ProductVulnerabilities, e.ProductVulnerabilities.Count > 0
            ? string.Join(';', e.ProductVulnerabilities).ToLowerInvariant() : null);
        Add(EventFields.Severity, e.Severity);
        Add(EventFields.Raw, e.Raw is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(e.Raw)));
        foreach (var (k, v) in e.Fields) Add(k, v);
        foreach (var (k, v) in e.Extra) Add(EventFields.ExtraPrefix + k, v);
        all.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return all;
    }

    /// <summary>Reads one line of IntelMQ JSON; returns the event, or null with the reason.</summary>
    /// <param name="maxDepth">The deepest nesting accepted; IntelMQ events are flat (or nest <c>extra</c> once).</param>
    public static Event? Read(string line, out string? error, int maxDepth = 16)
    {
        error = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // ArgumentException: a string that is not valid UTF-16 (a lone surrogate) cannot be JSON either.
            error = $"not valid JSON: {ex.Message}";
            return null;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "an IntelMQ event must be a JSON object";
                return null;
            }
            var e = new Event();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == EventFields.Raw && property.Value.ValueKind == JsonValueKind.String)
                {
                    try
                    {
                        e.Raw = Encoding.UTF8.GetString(Convert.FromBase64String(property.Value.GetString()!));
                    }
                    catch (FormatException)
                    {
                        error = "raw is not valid base64";
                        return null;
                    }
                    continue;
                }
                if (property.Name == "extra" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    // Older IntelMQ versions nest extra as an object.
                    foreach (var nested in property.Value.EnumerateObject())
                        e.Extra[nested.Name] = ToValue(nested.Value);
                    continue;
                }
                var problem = EventFieldSetter.TrySet(e, property.Name, ToValue(property.Value));
                if (problem is not null)
                {
                    error = problem;
                    return null;
                }
            }
            return e;
        }
    }

    /// <summary>
    /// Writes a double so that it reads back as a double: with a fraction or exponent, as Python's json
    /// writes floats (27.0, not 27, which would read back as a whole number). NaN and infinities have no
    /// JSON form and are written as text.
    /// </summary>
    private static void WriteDouble(Utf8JsonWriter w, string key, double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (!double.IsFinite(d))
        {
            w.WriteString(key, text);
            return;
        }
        w.WritePropertyName(key);
        w.WriteRawValue(text.AsSpan().IndexOfAny('.', 'E', 'e') < 0 ? text + ".0" : text);
    }

    private static object ToValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Number when v.TryGetInt64(out var l) => l,
        // A number beyond a double (1e400) keeps its text rather than becoming an infinity that cannot be written.
        JsonValueKind.Number when v.TryGetDouble(out var d) && double.IsFinite(d) => d,
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => v.GetRawText(),
    };
}

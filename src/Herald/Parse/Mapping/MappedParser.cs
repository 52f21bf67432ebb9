using System.Text;
using System.Text.Json;
using Herald.Events;
using nietras.SeparatedValues;

namespace Herald.Parse.Mapping;

/// <summary>Reads a partner's own CSV or JSON through a <see cref="ColumnMapping"/>.</summary>
/// <remarks>
/// A CSV file must have every mapped column in its header (otherwise the whole report is rejected at line 1,
/// naming the missing columns); a JSON record may lack an optional property. A required value that is missing
/// or invalid rejects the row; an optional one that is invalid is kept in extra under its source name.
/// </remarks>
public sealed class MappedParser(ColumnMapping mapping, ParseLimits? limits = null) : IReportParser
{
    private readonly ParseLimits _limits = limits ?? ParseLimits.Default;

    public ColumnMapping Mapping => mapping;

    public IEnumerable<ParsedRow> Parse(Stream content, ParseContext context, CancellationToken cancellationToken) => mapping.Format switch
    {
        MappingFormat.Csv => ParseCsv(content, context, cancellationToken),
        MappingFormat.JsonLines => ParseJsonLines(content, context, cancellationToken),
        MappingFormat.JsonArray => ParseJsonArray(content, context, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown mapping format {mapping.Format}."),
    };

    private IEnumerable<ParsedRow> ParseCsv(Stream content, ParseContext context, CancellationToken cancellationToken)
    {
        using var text = new ReportTextReader(content, _limits);
        SepReader reader;
        string? openError = null;
        try
        {
            reader = Sep.New(mapping.Delimiter).Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or NotSupportedException)
        {
            reader = null!;
            openError = ex.Message;
        }
        if (openError is not null)
        {
            yield return Reject(1, "", $"the header cannot be read: {openError}");
            yield break;
        }
        using (reader)
        {
            if (text.TakeProblem(1) is { Skipped: true } longHeader)
            {
                yield return Reject(1, longHeader.Raw, "the header cannot be read: " + longHeader.Reason);
                yield break;
            }
            var header = reader.Header.ColNames.Select(c => c.Trim()).ToArray();
            if (header.All(string.IsNullOrWhiteSpace) && !reader.HasRows) yield break;
            if (header.Length > _limits.MaxFields)
            {
                yield return Reject(1, "", $"the header has {header.Length} columns, over the limit of {_limits.MaxFields}");
                yield break;
            }
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) index.TryAdd(header[i], i);
            var missing = mapping.Fields.Where(f => !index.ContainsKey(f.Source)).Select(f => $"'{f.Source}' (for {f.Target}, mapping line {f.Line})").ToList();
            if (missing.Count > 0)
            {
                yield return Reject(1, Truncate(string.Join(mapping.Delimiter, header)),
                    $"the file lacks the mapped column(s) {string.Join(", ", missing)}; its header has {string.Join(", ", header.Take(50))}");
                yield break;
            }
            foreach (var row in reader)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = row.LineNumberFrom;
                var problems = text.TakeProblems(line, row.LineNumberToExcl);
                if (problems?.Find(p => p.Skipped) is { } skipped)
                {
                    yield return Reject(skipped.Line, skipped.Raw, skipped.Reason);
                    continue;
                }
                if (row.ColCount == 1 && row.Span.IsWhiteSpace()) continue;
                var raw = row.Span.ToString();
                if (row.ColCount > header.Length || row.ColCount > _limits.MaxFields)
                {
                    yield return Reject(line, Truncate(raw), $"the row has {row.ColCount} columns where the header has {header.Length}");
                    continue;
                }
                var values = new string[header.Length];
                for (var i = 0; i < values.Length; i++) values[i] = i < row.ColCount ? row[i].ToString() : "";
                yield return Apply(line, raw, name => index.TryGetValue(name, out var i) ? values[i] : null,
                    header.Select((h, i) => (h, values[i])), problems is not null, context.ReceivedAt);
            }
            foreach (var left in text.TakeRemainingProblems())
                if (left.Skipped) yield return Reject(left.Line, left.Raw, left.Reason);
        }
    }

    private IEnumerable<ParsedRow> ParseJsonLines(Stream content, ParseContext context, CancellationToken cancellationToken)
    {
        using var text = new ReportTextReader(content, _limits);
        while (text.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var number = text.LineNumber;
            var problem = text.TakeProblem(number);
            if (problem is { Skipped: true })
            {
                yield return Reject(number, problem.Raw, problem.Reason);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return ApplyJson(number, line, Encoding.UTF8.GetBytes(line), problem is not null, context.ReceivedAt);
        }
    }

    private IEnumerable<ParsedRow> ParseJsonArray(Stream content, ParseContext context, CancellationToken cancellationToken)
    {
        var bytes = JsonDocuments.ReadBounded(content, _limits.MaxDocumentBytes, out var tooLarge);
        if (bytes is null)
        {
            yield return Reject(1, "", tooLarge!);
            yield break;
        }
        var invalidUtf8 = !System.Text.Unicode.Utf8.IsValid(bytes);
        var records = JsonDocuments.SplitArray(bytes, _limits.MaxJsonDepth, out var error);
        if (records is null)
        {
            yield return Reject(1, "", error!);
            yield break;
        }
        for (var i = 0; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = bytes.AsMemory(records[i].Start, records[i].Length);
            yield return ApplyJson(i + 1, Encoding.UTF8.GetString(record.Span), record, invalidUtf8, context.ReceivedAt);
        }
    }

    private ParsedRow ApplyJson(long number, string raw, ReadOnlyMemory<byte> json, bool invalidUtf8, DateTimeOffset receivedAt)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = _limits.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            return Reject(number, Truncate(raw), $"not valid JSON: {ex.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return Reject(number, Truncate(raw), "a record must be a JSON object");
            var count = 0;
            foreach (var _ in doc.RootElement.EnumerateObject())
                if (++count > _limits.MaxFields) return Reject(number, Truncate(raw), $"the record has more than {_limits.MaxFields} properties");
            var root = doc.RootElement;
            return Apply(number, raw, path => JsonDocuments.Find(root, path), Unmapped(root), invalidUtf8, receivedAt);
        }
    }

    private static IEnumerable<(string Name, string Value)> Unmapped(JsonElement root)
    {
        foreach (var p in root.EnumerateObject()) yield return (p.Name, JsonDocuments.Text(p.Value) ?? "");
    }

    /// <summary>Turns one record into an event, given a lookup of its values by source name.</summary>
    private ParsedRow Apply(long line, string raw, Func<string, string?> value, IEnumerable<(string Name, string Value)> all, bool invalidUtf8,
        DateTimeOffset receivedAt)
    {
        var e = new Event { FeedName = mapping.Name, TimeObservation = receivedAt, Raw = raw };
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in mapping.Fields)
        {
            used.Add(field.Source);
            var text = value(field.Source);
            if (text is null && field.Required) return Reject(line, raw, $"required field {field.Target}: the record has no '{field.Source}'");
            if (text is null) continue;
            var converted = Conversions.Apply(field.Conversion, text, value, out var error);
            var problem = error ?? (converted is null ? (field.Required ? "is empty" : null) : EventFieldSetter.TrySet(e, field.Target, converted));
            if (problem is null) continue;
            if (field.Required)
            {
                var shown = text.Length > 200 ? text[..200] + "…" : text;
                return Reject(line, raw, $"required field {field.Target} (source '{field.Source}', value '{shown}'): {problem}");
            }
            if (text.Length > 0) e.Extra[field.Source] = text;
        }
        foreach (var (key, constant) in mapping.Constants) EventFieldSetter.TrySet(e, key, constant);
        if (mapping.KeepUnmapped)
            foreach (var (name, text) in all)
                if (name.Length > 0 && text.Length > 0 && !used.Contains(name)) e.Extra.TryAdd(name, text);
        if (invalidUtf8) e.Extra[LineProblem.InvalidUtf8Flag] = true;
        return new ParsedRow(line, e, null);
    }

    private static ParsedRow Reject(long line, string raw, string reason) => new(line, null, new Rejection(line, raw, reason));

    private static string Truncate(string s) => s.Length <= 4096 ? s : s[..4096];
}

using Herald.Events;
using nietras.SeparatedValues;

namespace Herald.Parse;

/// <summary>Parses Shadowserver CSV reports as the published schema describes them.</summary>
/// <remarks>
/// Columns are found by header name (Shadowserver does not fix their order). A row without a
/// valid time.source and source.ip, or with an invalid value in another required field, is
/// rejected; optional values that do not fit their field are kept in <c>extra</c> under the
/// column name, as are columns the schema does not know.
/// </remarks>
public sealed class ShadowserverParser(ShadowserverSchema schema, ParseLimits? limits = null) : IReportParser
{
    private readonly ParseLimits _limits = limits ?? ParseLimits.Default;

    public const string Provider = "Shadowserver";

    /// <summary>The Shadowserver report type the file name names, as <see cref="Parse"/> reads it without a given type.</summary>
    public string? ReportTypeOf(string fileName) => schema.FindByFileName(fileName)?.Name;

    public IEnumerable<ParsedRow> Parse(Stream content, ParseContext context, CancellationToken cancellationToken)
    {
        var mapping = context.ReportType is { } type ? schema.Find(type) : schema.FindByFileName(context.FileName);
        if (mapping is null)
        {
            var why = context.ReportType is { } given
                ? $"unknown Shadowserver report type '{given}'"
                : $"the report type cannot be told from the file name '{Path.GetFileName(context.FileName)}'; give it with --type";
            yield return new ParsedRow(1, null, new Rejection(1, "", why + $" (schema {schema.Created ?? "of unknown date"})"));
            yield break;
        }

        // Invalid UTF-8 becomes U+FFFD and flags the event: the raw bytes stay in the report. Over-long lines are skipped unbuffered.
        using var text = new ReportTextReader(content, _limits);
        SepReader reader;
        string? openError = null;
        try
        {
            reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or NotSupportedException)
        {
            reader = null!;
            openError = ex.Message;
        }
        if (openError is not null)
        {
            yield return new ParsedRow(1, null, new Rejection(1, "", IsBinary(openError) ? NotText : $"the header cannot be read: {openError}"));
            yield break;
        }

        using (reader)
        {
            if (text.TakeProblem(1) is { Skipped: true } longHeader)
            {
                yield return new ParsedRow(1, null, new Rejection(1, longHeader.Raw, "the header cannot be read: " + longHeader.Reason));
                yield break;
            }
            if (reader.Header.ColNames.Count > _limits.MaxFields)
            {
                yield return new ParsedRow(1, null, new Rejection(1, "",
                    $"the header has {reader.Header.ColNames.Count} columns, over the limit of {_limits.MaxFields}"));
                yield break;
            }
            // An empty file is a report with nothing in it, as IntelMQ reads it, not a report without a header.
            if (reader.Header.ColNames.All(string.IsNullOrWhiteSpace) && !reader.HasRows) yield break;
            var plan = RowPlan.Create(mapping, reader.Header.ColNames, out var headerProblem);
            if (plan is null)
            {
                var header = string.Join(',', reader.Header.ColNames);
                yield return new ParsedRow(1, null, new Rejection(1, Truncate(header), IsBinary(header) ? NotText : headerProblem!));
                yield break;
            }
            foreach (var row in reader)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = row.LineNumberFrom;
                var problems = text.TakeProblems(line, row.LineNumberToExcl);
                if (problems?.Find(p => p.Skipped) is { } skipped)
                {
                    yield return new ParsedRow(skipped.Line, null, new Rejection(skipped.Line, skipped.Raw, skipped.Reason));
                    continue;
                }
                if (row.ColCount == 1 && row.Span.IsWhiteSpace()) continue;
                var raw = row.Span.ToString();
                if (row.ColCount > _limits.MaxFields)
                {
                    yield return new ParsedRow(line, null, new Rejection(line, raw[..Math.Min(raw.Length, 4096)],
                        $"the row has {row.ColCount} columns, over the limit of {_limits.MaxFields}"));
                    continue;
                }
                // A row may leave out trailing columns (read as empty, as Python's csv.DictReader in IntelMQ
                // reads them; Shadowserver's event4_honeypot_ddos rows omit http_agent), but not a required one.
                if (row.ColCount > plan.ColumnCount || row.ColCount <= plan.LastRequiredColumn)
                {
                    yield return new ParsedRow(line, null, new Rejection(line, raw,
                        $"the row has {row.ColCount} columns where the header has {plan.ColumnCount}"));
                    continue;
                }
                var values = new string[plan.ColumnCount];
                for (var i = 0; i < values.Length; i++) values[i] = i < row.ColCount ? row[i].ToString() : "";
                var parsed = plan.Apply(values, raw, line, context.ReceivedAt);
                if (problems is not null && parsed.Event is { } flagged) flagged.Extra[LineProblem.InvalidUtf8Flag] = true;
                yield return parsed;
            }
            // Lines no row claimed alone (inside a quoted field) are still not dropped silently.
            foreach (var left in text.TakeRemainingProblems())
                if (left.Skipped) yield return new ParsedRow(left.Line, null, new Rejection(left.Line, left.Raw, left.Reason));
        }
    }

    private const string NotText = "this is not a CSV text: the first line holds binary data (control characters such as NUL); a compressed report must be unpacked first";

    private static string Truncate(string s) => s.Length <= 4096 ? s : s[..4096];

    // A report's header is plain text; gzip and zip files start with control characters, as random bytes soon do.
    private static bool IsBinary(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c) && c is not '\t' and not '\r' and not '\n') return true;
        return false;
    }

    /// <summary>A report type's mapping resolved against one header, so each row is plain index work.</summary>
    private sealed class RowPlan
    {
        // The fields that say when and about which address: a row without them is no event. Other required
        // fields may be empty or absent: Shadowserver leaves the port empty where none applies (event4_ip_spoofer,
        // special) and older report formats lack the column (malware_url before it gained `port`).
        private static readonly HashSet<string> Indispensable = new(StringComparer.Ordinal) { EventFields.TimeSource, EventFields.SourceIp };

        private readonly ReportMapping _mapping;
        private readonly string[] _columns;
        private readonly Dictionary<string, int> _index;
        private readonly (FieldMapping Field, int Column)[] _required;
        private readonly (FieldMapping Field, int Column)[] _optional;

        private RowPlan(ReportMapping mapping, string[] columns, Dictionary<string, int> index,
            (FieldMapping, int)[] required, (FieldMapping, int)[] optional)
        {
            _mapping = mapping;
            _columns = columns;
            _index = index;
            _required = required;
            _optional = optional;
            LastRequiredColumn = required.Length == 0 ? -1 : required.Max(r => r.Item2);
        }

        public int ColumnCount => _columns.Length;

        /// <summary>The index of the rightmost column a required field reads; a row must reach it.</summary>
        public int LastRequiredColumn { get; }

        public static RowPlan? Create(ReportMapping mapping, IReadOnlyList<string> header, out string? problem)
        {
            var columns = header.Select(h => h.Trim()).ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++) index.TryAdd(columns[i], i);
            var missing = mapping.Required.Where(f => Indispensable.Contains(f.Target) && !index.ContainsKey(f.Column))
                .Select(f => f.Column).Distinct().ToList();
            if (missing.Count > 0)
            {
                problem = $"the header of this {mapping.Name} report lacks the required column(s) {string.Join(", ", missing)}; " +
                    "is this the right report type, and is the first line the header?";
                return null;
            }
            problem = null;
            return new RowPlan(mapping, columns, index,
                mapping.Required.Where(f => index.ContainsKey(f.Column)).Select(f => (f, index[f.Column])).ToArray(),
                mapping.Optional.Where(f => index.ContainsKey(f.Column)).Select(f => (f, index[f.Column])).ToArray());
        }

        public ParsedRow Apply(string[] values, string raw, long line, DateTimeOffset receivedAt)
        {
            var e = new Event { FeedName = _mapping.FeedName, FeedProvider = Provider, TimeObservation = receivedAt, Raw = raw };
            var used = new bool[values.Length];
            var placed = new bool[values.Length];
            List<(FieldMapping Field, int Column)>? unplaced = null;
            string? Column(string name) => _index.TryGetValue(name, out var i) ? values[i] : null;

            foreach (var (field, column) in _required)
            {
                var value = Conversions.Apply(field.Conversion, values[column], Column, out var error);
                if (error is null && value is null)
                {
                    if (values[column].Length > 0)
                    {
                        // A value the field refuses may still belong in another field: blocklist lists networks in `ip`.
                        (unplaced ??= []).Add((field, column));
                        continue;
                    }
                    if (!Indispensable.Contains(field.Target)) continue;
                }
                var problem = error ?? (value is null ? "is empty" : Set(e, field, value));
                if (problem is not null) return Rejected(field, values[column], problem, raw, line);
                used[column] = true;
            }

            foreach (var (field, column) in _optional)
            {
                var value = Conversions.Apply(field.Conversion, values[column], Column, out var error);
                if (error is not null)
                {
                    // Keep what could not be converted, under its own column name.
                    if (values[column].Length > 0) e.Extra[field.Column] = values[column];
                    used[column] = true;
                    continue;
                }
                if (value is null)
                {
                    used[column] = true;
                    continue;
                }
                if (Set(e, field, value) is null) used[column] = placed[column] = true;
            }

            if (unplaced is not null)
                foreach (var (field, column) in unplaced)
                    if (!placed[column]) return Rejected(field, values[column], "is not valid", raw, line);

            foreach (var (key, value) in _mapping.Constants) EventFieldSetter.TrySet(e, key, value);

            for (var i = 0; i < values.Length; i++)
                if (!used[i] && values[i].Length > 0 && _columns[i].Length > 0) e.Extra.TryAdd(_columns[i], values[i]);

            return new ParsedRow(line, e, null);
        }

        /// <summary>Most schema fields go to <c>extra</c>: those skip the field-name dispatch.</summary>
        private static string? Set(Event e, FieldMapping field, object value)
        {
            if (field.ExtraName is not { } name) return EventFieldSetter.TrySet(e, field.TargetFor, value);
            EventFieldSetter.SetExtra(e, name, value);
            return null;
        }

        private static ParsedRow Rejected(FieldMapping field, string value, string problem, string raw, long line)
        {
            var shown = value.Length > 200 ? value[..200] + "…" : value;
            return new ParsedRow(line, null, new Rejection(line, raw,
                $"required field {field.TargetFor} (column '{field.Column}', value '{shown}'): {problem}"));
        }
    }
}

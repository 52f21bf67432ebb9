using Herald.Enrich;
using Herald.Events;
using Herald.Parse;
using Herald.Storage;

namespace Herald.Collect.Upload;

/// <summary>
/// Reads a report's rows against a source's criteria: the format (the report must be readable as a whole),
/// required fields, the age of observations, and the share of events inside the constituency.
/// </summary>
/// <param name="hasHeader">The first line is a CSV header, whose rejection means the report is not in the format.</param>
internal sealed class CriteriaCheck(Source source, bool hasHeader, IReadOnlySet<string> constituency, DateTimeOffset now)
{
    private readonly string[] _required = source.RequiredFieldNames();
    private readonly Dictionary<string, Tally> _missing = new(StringComparer.Ordinal);
    private readonly Tally _tooOld = new();
    private string? _formatProblem;
    private string? _firstRejection;

    public long Events { get; private set; }
    public long Rejections { get; private set; }
    public long Inside { get; private set; }

    /// <summary>Takes one parsed row, with its event enriched when it has one.</summary>
    public void Add(ParsedRow row, EnrichedEvent? enriched)
    {
        if (row.Rejection is { } r)
        {
            Rejections++;
            // Under a header, data rows start at line 2: a rejection at line 1 is about the report as a whole (type, header, not text).
            if (r.Line == 1 && hasHeader) _formatProblem ??= r.Reason;
            _firstRejection ??= r.Reason;
            return;
        }
        if (enriched is null) return;
        Events++;
        if (enriched.Organisation is not null || (enriched.Country is { } cc && constituency.Contains(cc))) Inside++;
        var e = enriched.Event;
        if (source.MaxAge is { } maxAge && (e.TimeSource is not { } seen || now - seen > maxAge)) _tooOld.Add(row.Line);
        if (_required.Length == 0) return;
        var present = IntelMqJson.Pairs(e).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var field in _required)
        {
            if (present.Contains(field)) continue;
            if (!_missing.TryGetValue(field, out var tally)) _missing[field] = tally = new Tally();
            tally.Add(row.Line);
        }
    }

    /// <summary>Why the report does not meet the criteria; empty when it does.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (_formatProblem is not null) problems.Add($"format: this is not a readable {source.Format} report: {_formatProblem}");
        // Without a header, a report in another format shows as nothing but rejected records.
        else if (!hasHeader && Events == 0 && _firstRejection is not null)
            problems.Add($"format: no record is readable as {source.Format}: {_firstRejection}");
        foreach (var (field, tally) in _missing)
            problems.Add($"required field {field} is missing in {tally}");
        if (_tooOld.Count > 0)
            problems.Add($"freshness: observed more than {Durations.Format(source.MaxAge!.Value)} before receipt, or no time.source, in {_tooOld}");
        if (source.MinConstituencyShare is { } min)
        {
            var share = Events == 0 ? 0 : (double)Inside / Events;
            if (share < min)
                problems.Add(FormattableString.Invariant(
                    $"constituency: {Inside} of {Events} event(s) ({share:P1}) fall inside the constituency, the source requires at least {min:P0}"));
        }
        return problems;
    }

    /// <summary>How many events, and the first lines, so that a huge report keeps this small.</summary>
    private sealed class Tally
    {
        private const int LinesNamed = 10;
        private readonly List<long> _lines = [];

        public long Count { get; private set; }

        public void Add(long line)
        {
            Count++;
            if (_lines.Count < LinesNamed) _lines.Add(line);
        }

        public override string ToString() =>
            FormattableString.Invariant($"{Count} event(s), at line(s) {string.Join(", ", _lines)}{(Count > _lines.Count ? ", …" : "")}");
    }
}

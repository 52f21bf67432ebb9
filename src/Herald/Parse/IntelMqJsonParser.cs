using Herald.Events;

namespace Herald.Parse;

/// <summary>Reads IntelMQ JSON events, one object per line, as a report: each bad line is a rejection.</summary>
/// <remarks>
/// The events keep every field they carry (feed, classification, time.observation, raw), so IntelMQ JSON
/// written by <c>herald parse</c> reads back equal. As in IntelMQ no field is required: an event that names
/// only a network or a destination is still an event (deciding may hold or discard it).
/// </remarks>
public sealed class IntelMqJsonParser(ParseLimits? limits = null) : IReportParser
{
    private readonly ParseLimits _limits = limits ?? ParseLimits.Default;

    public IEnumerable<ParsedRow> Parse(Stream content, ParseContext context, CancellationToken cancellationToken)
    {
        using var text = new ReportTextReader(content, _limits);
        while (text.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var number = text.LineNumber;
            var problem = text.TakeProblem(number);
            if (problem is { Skipped: true })
            {
                yield return new ParsedRow(number, null, new Rejection(number, problem.Raw, problem.Reason));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            var e = IntelMqJson.Read(line, out var error, _limits.MaxJsonDepth);
            if (e is not null && e.Fields.Count + e.Extra.Count > _limits.MaxFields)
                error = $"the event has {e.Fields.Count + e.Extra.Count} fields, over the limit of {_limits.MaxFields}";
            if (e is null || error is not null)
            {
                yield return new ParsedRow(number, null, new Rejection(number, line, error ?? "not an event"));
                continue;
            }
            if (problem is not null) e.Extra[LineProblem.InvalidUtf8Flag] = true;
            yield return new ParsedRow(number, e, null);
        }
    }
}

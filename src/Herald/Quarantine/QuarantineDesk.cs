using System.Text;
using Herald.Decide;
using Herald.Events;
using Herald.Parse;
using Herald.Parse.Mapping;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Quarantine;

/// <summary>
/// Quarantined rows for analysts: list them, correct a line, and resubmit corrections, which are read again the way
/// their report was read (its format, header and mapping) and stored as events at the rejected line.
/// </summary>
/// <remarks>
/// Events are unique by report and line, so resubmitting twice stores one event. Every correction and resolution
/// is written to the audit log with who did it.
/// </remarks>
public sealed class QuarantineDesk(HeraldRuntime runtime)
{
    /// <summary>The rejections of one report, or of all, oldest first.</summary>
    public static async Task<List<StoredRejection>> ListAsync(HeraldDb db, long? reportId, CancellationToken cancellationToken) =>
        await db.Rejections.AsNoTracking().Where(r => reportId == null || r.ReportId == reportId)
            .OrderBy(r => r.ReportId).ThenBy(r => r.Line).ToListAsync(cancellationToken);

    /// <summary>Keeps a corrected line for a rejection; null when there is no such rejection, an error text when it cannot be corrected.</summary>
    public async Task<string?> CorrectAsync(HeraldDb db, long id, string line, string actor, CancellationToken cancellationToken)
    {
        var rejection = await db.Rejections.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rejection is null) return $"there is no rejection {id}";
        if (rejection.ResolvedAt is not null) return $"rejection {id} was resolved already (event {rejection.EventId})";
        var reading = await ReportReading.FindAsync(db, rejection.ReportId, cancellationToken);
        if (rejection.Line == 1 && reading.HasHeader())
            return "line 1 is the report's header: a report whose header is wrong must be fixed as a file and processed again";
        if (line.Length > runtime.Options.ParseLimits.MaxLineBytes) return $"the corrected line is longer than the limit of {runtime.Options.ParseLimits.MaxLineBytes} bytes";
        rejection.Correction = line;
        rejection.CorrectedBy = actor;
        rejection.CorrectedAt = runtime.Time.GetUtcNow();
        db.Audit.Add(new AuditEntry
        {
            At = rejection.CorrectedAt.Value,
            Actor = actor,
            Action = "rejection.corrected",
            Subject = $"report {rejection.ReportId} line {rejection.Line}",
            Detail = $"rejection {id}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Reads every corrected, unresolved rejection (one, or all of a report, or all) again and stores what becomes an event.</summary>
    public async Task<List<ResubmitOutcome>> ResubmitAsync(HeraldDb db, long? id, long? reportId, string actor, CancellationToken cancellationToken)
    {
        var pending = await db.Rejections
            .Where(r => r.Correction != null && r.ResolvedAt == null && (id == null || r.Id == id) && (reportId == null || r.ReportId == reportId))
            .OrderBy(r => r.ReportId).ThenBy(r => r.Line).ToListAsync(cancellationToken);
        var outcomes = new List<ResubmitOutcome>();
        if (pending.Count == 0) return outcomes;
        foreach (var group in pending.GroupBy(r => r.ReportId))
        {
            var report = await db.Reports.FirstAsync(r => r.Id == group.Key, cancellationToken);
            // The rules decide with the report's own context (type, source, reliability).
            var (enricher, decider) = await runtime.PrepareAsync(db, report, cancellationToken);
            var reading = await ReportReading.FindAsync(db, report.Id, cancellationToken);
            var parser = runtime.CreateParser(reading);
            var header = reading.HasHeader() ? ReadHeader(report) : null;
            var array = reading.Mapping is not null && parser is MappedParser { Mapping.Format: MappingFormat.JsonArray };
            foreach (var rejection in group)
            {
                // Read the line as it stood in its report: under the CSV header, or as the one element of a JSON array.
                var text = header is not null ? header + "\n" + rejection.Correction : array ? "[" + rejection.Correction + "]" : rejection.Correction!;
                var rows = parser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), new ParseContext(report.FileName, report.ReportType, report.ReceivedAt),
                    cancellationToken).Take(2).ToList();
                if (rows is not [{ Event: { } e }])
                {
                    var why = rows switch
                    {
                        [] => "the corrected line holds no row",
                        [{ Rejection: { } r }] => r.Reason,
                        _ => "the corrected line holds more than one row",
                    };
                    outcomes.Add(new ResubmitOutcome(rejection.Id, rejection.Line, false, null, why));
                    continue;
                }
                var enriched = enricher.Enrich(e);
                var prepared = new PreparedEvent(rejection.Line, enriched, decider.Decide(enriched), IntelMqJson.Write(e, includeRaw: false));
                var now = runtime.Time.GetUtcNow();
                await using (var writer = await EventBatchWriter.OpenAsync(db, cancellationToken))
                    await writer.WriteAsync(report.Id, [prepared], [], (decider as RuleDecider)?.Sightings.TakeChanges() ?? [], now, cancellationToken);
                var eventId = await db.Events.Where(x => x.ReportId == report.Id && x.Line == rejection.Line).Select(x => x.Id).FirstAsync(cancellationToken);
                rejection.ResolvedBy = actor;
                rejection.ResolvedAt = now;
                rejection.EventId = eventId;
                db.Audit.Add(new AuditEntry
                {
                    At = now,
                    Actor = actor,
                    Action = "rejection.resolved",
                    Subject = $"report {report.Id} line {rejection.Line}",
                    Detail = $"rejection {rejection.Id} became event {eventId}",
                });
                outcomes.Add(new ResubmitOutcome(rejection.Id, rejection.Line, true, eventId, $"event {eventId}"));
            }
            report.EventCount = (int)await db.Events.LongCountAsync(x => x.ReportId == report.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return outcomes;
    }

    private string ReadHeader(Report report)
    {
        using var content = runtime.Reports.Open(report);
        using var text = new ReportTextReader(content, runtime.Options.ParseLimits);
        return text.ReadLine() ?? "";
    }
}

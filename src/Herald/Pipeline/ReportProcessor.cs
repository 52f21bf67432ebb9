using Herald.Cases;
using Herald.Collect;
using Herald.Contacts;
using Herald.Decide;
using Herald.Decide.Review;
using Herald.Decide.Suppress;
using Herald.Deliver;
using System.Threading.Channels;
using Herald.Enrich;
using Herald.Events;
using Herald.Notify;
using Herald.Parse;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pipeline;

/// <summary>
/// One report through the whole pipeline: keep it, parse it, enrich and decide every event, store
/// events, rejections and directives in batches, then make and deliver the warnings.
/// </summary>
/// <remarks>
/// Safe to repeat: the same content is one report; a report that was parsed completely is not parsed
/// again; one that was interrupted is read again and the rows already stored are skipped, neither decided nor
/// counted again (each batch's sighting counts are stored in the transaction of its events).
/// </remarks>
public sealed class ReportProcessor(
    HeraldDatabase database,
    ReportStore reports,
    IReportParser parser,
    Func<ReportReading, IReportParser> readers,
    Func<HeraldDb, Report, CancellationToken, Task<(Enricher Enricher, IDecider Decider)>> prepare,
    NotificationBuilder notifications,
    Outbox outbox,
    CaseTracker cases,
    TimeProvider time,
    CallTasks? calls = null,
    Forward.ForwardBuilder? forwards = null)
{
    private const int BatchSize = 2000;

    /// <summary>
    /// Rows from which a run gives memory back between its stages (<see cref="ProcessMemory"/>): below it, what a stage
    /// leaves behind is small and a full collection would cost more than it returns.
    /// </summary>
    private const long LargeRun = 100_000;

    /// <summary>Processes a report file; <paramref name="progress"/> receives the bytes read so far.</summary>
    public async Task<ProcessSummary> ProcessFileAsync(string path, string? reportType, string sourceName,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(path);
        return await ProcessAsync(content, Path.GetFileName(path), reportType, sourceName, progress, cancellationToken);
    }

    public async Task<ProcessSummary> ProcessAsync(Stream content, string fileName, string? reportType, string sourceName,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var summary = await IngestAsync(content, fileName, reportType, sourceName, progress, cancellationToken);
        if (summary.AlreadyProcessed) return summary;
        var large = summary.Rows >= LargeRun;
        // The decider's indexes are garbage now: return them before warnings are made.
        if (large) ProcessMemory.Release();
        var (created, written) = await NotifyAsync(large, cancellationToken);
        return summary with { WarningsCreated = created, WarningsWritten = written };
    }

    /// <summary>
    /// Makes warnings of every directive that has none yet, and delivers them; then updates the cases from every parsed
    /// report not yet observed (this run's, one a crash or an upload left, ...), oldest first.
    /// </summary>
    public Task<(int Created, int Written)> NotifyAsync(CancellationToken cancellationToken) => NotifyAsync(false, cancellationToken);

    /// <param name="large">After a large report: memory is given back after grouping and after delivering.</param>
    private async Task<(int Created, int Written)> NotifyAsync(bool large, CancellationToken cancellationToken)
    {
        int created, written;
        await using (var db = database.Open())
        {
            await DeferredRelease.ReleaseDueAsync(db, time.GetUtcNow(), cancellationToken);
            // Partners get their cases forwarded (one forward each, in their format) before the other recipients' warnings are made.
            created = forwards is null ? 0 : await forwards.CreatePendingAsync(db, cancellationToken);
            created += await notifications.CreatePendingAsync(db, cancellationToken);
            // What grouping left behind, returned before eight connections start delivering.
            if (large) ProcessMemory.Release();
            written = (await outbox.DeliverDueAsync(cancellationToken)).Delivered;
            // Recipients reached only by phone get a call task instead of an e-mail.
            if (calls is not null) await calls.CreatePendingAsync(db, cancellationToken);
        }
        // What delivering left (messages, the delivering connections' caches) before cases are updated.
        if (large) ProcessMemory.Release();
        await ObservePendingAsync(cancellationToken);
        return (created, written);
    }

    /// <summary>Opens, updates and resolves cases from each parsed report whose cases are not updated yet, oldest first.</summary>
    private async Task ObservePendingAsync(CancellationToken cancellationToken)
    {
        List<long> pending;
        await using (var db = database.Open())
            pending = await db.Reports.Where(r => r.Status == ReportStatus.Parsed && r.CasesObservedAt == null)
                .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var reportId in pending)
        {
            await using var db = database.Open();
            await cases.ObserveReportAsync(db, reportId, cancellationToken);
        }
    }

    /// <summary>Keeps, parses, enriches, decides and stores a report, without making warnings.</summary>
    public async Task<ProcessSummary> IngestAsync(Stream content, string fileName, string? reportType, string sourceName,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var (report, isNew) = await StoreAsync(db, content, fileName, sourceName, reportType, cancellationToken);
        if (report.Status == ReportStatus.Parsed)
        {
            var routes = await RoutesOfAsync(db, report.Id, cancellationToken);
            return new ProcessSummary(report.Id, report.FileName, report.ReportType, true, report.EventCount + report.RejectionCount,
                report.EventCount, report.RejectionCount, routes, 0, 0);
        }
        // A report stored before and left unfinished is finished the way it was first read, whatever reads it now.
        var reader = isNew ? parser : readers(await ReportReading.FindAsync(db, report.Id, cancellationToken));
        return await ParseStoredAsync(db, report, reader, reportType ?? report.ReportType, progress, cancellationToken);
    }

    /// <summary>Keeps a report, and that this processor's parser reads it (<see cref="ReportStore.AddAsync"/>).</summary>
    public Task<(Report Report, bool IsNew)> StoreAsync(HeraldDb db, Stream content, string fileName, string sourceName,
        string? reportType, CancellationToken cancellationToken) =>
        reports.AddAsync(db, content, fileName, sourceName, reportType, parser, cancellationToken);

    /// <summary>
    /// Parses again every report left unfinished (stored, not completely parsed: a crash or a kill mid-report),
    /// then makes and delivers the warnings still pending and updates the cases from the reports not yet observed.
    /// Rows already stored are not stored twice.
    /// </summary>
    public async Task<ResumeSummary> ResumeAsync(CancellationToken cancellationToken)
    {
        List<Report> unfinished;
        await using (var db = database.Open())
            unfinished = await db.Reports.AsNoTracking().Where(r => r.Status == ReportStatus.Received).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var resumed = new List<ProcessSummary>(unfinished.Count);
        foreach (var report in unfinished)
        {
            await using var db = database.Open();
            // Read again the way it was first read (its format and mapping), whatever this processor's own parser is.
            var reader = readers(await ReportReading.FindAsync(db, report.Id, cancellationToken));
            resumed.Add(await ParseStoredAsync(db, report, reader, report.ReportType, null, cancellationToken));
        }
        // As after a normal run, the resumed reports (and any a crash left parsed but unobserved) update the cases.
        var (created, written) = await NotifyAsync(resumed.Sum(r => r.Rows) >= LargeRun, cancellationToken);
        return new ResumeSummary(resumed, created, written);
    }

    private async Task<ProcessSummary> ParseStoredAsync(HeraldDb db, Report report, IReportParser reader, string? reportType,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var sourceName = report.SourceName;
        var stored = await RowsStoredAsync(db, report.Id, cancellationToken);
        var (enricher, decider) = await prepare(db, report, cancellationToken);
        var sightings = (decider as RuleDecider)?.Sightings;
        // Two stages on two threads: parsing, enriching, deciding and serialising on one, the database on the
        // other, with a few batches between them so neither waits long and memory stays bounded.
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        long rows = 0;
        var produce = Task.Run(() =>
        {
            try
            {
                using var raw = reports.Open(report);
                var counting = new ProgressStream(raw, progress);
                var context = new ParseContext(report.FileName, reportType, report.ReceivedAt);
                var batch = new Batch();
                long taken = 0;
                foreach (var row in reader.Parse(counting, context, cancellationToken))
                {
                    rows++;
                    // Reading is deterministic and batches are stored whole and in order: the first rows are the stored ones.
                    if ((row.Event is not null || row.Rejection is not null) && ++taken <= stored) continue;
                    if (row.Event is { } e)
                    {
                        var enriched = enricher.Enrich(e);
                        batch.Events.Add(new PreparedEvent(row.Line, enriched, decider.Decide(enriched), IntelMqJson.Write(e, includeRaw: false)));
                    }
                    else if (row.Rejection is { } r)
                    {
                        batch.Rejections.Add(r);
                    }
                    if (batch.Count < BatchSize) continue;
                    Send(batch);
                    batch = new Batch();
                }
                if (batch.Count > 0) Send(batch);
                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, cancellationToken);

        void Send(Batch batch)
        {
            batch.Sightings = sightings?.TakeChanges() ?? [];
            // The producer is a plain thread: wait synchronously only when the writer is behind.
            while (!batches.Writer.TryWrite(batch))
                batches.Writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }

        await using (var writer = await EventBatchWriter.OpenAsync(db, cancellationToken))
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                await writer.WriteAsync(report.Id, batch.Events, batch.Rejections, batch.Sightings, time.GetUtcNow(), cancellationToken);
        }
        await produce;
        // What deciding held for review, once the directives are stored.
        await new ReviewQueue(time).EnqueueAsync(db, report.Id, cancellationToken);

        // Counts come from what is stored, so an interrupted and repeated run reports the whole report.
        var events = await db.Events.LongCountAsync(e => e.ReportId == report.Id, cancellationToken);
        var rejections = await db.Rejections.LongCountAsync(r => r.ReportId == report.Id, cancellationToken);
        var tracked = await db.Reports.FirstAsync(r => r.Id == report.Id, cancellationToken);
        tracked.Status = ReportStatus.Parsed;
        // The type the report was read as, when the reader tells it (a Shadowserver file name): cases resolve per type.
        tracked.ReportType ??= reportType ?? reader.ReportTypeOf(report.FileName);
        tracked.ParsedAt = time.GetUtcNow();
        tracked.EventCount = (int)events;
        tracked.RejectionCount = (int)rejections;
        db.Audit.Add(new AuditEntry
        {
            At = tracked.ParsedAt.Value,
            Actor = sourceName,
            Action = "report.parsed",
            Subject = report.FileName,
            Detail = $"{events} event(s), {rejections} rejection(s)",
        });
        await db.SaveChangesAsync(cancellationToken);

        return new ProcessSummary(report.Id, report.FileName, reportType, false, rows, events, rejections,
            await RoutesOfAsync(db, report.Id, cancellationToken), 0, 0);
    }

    private sealed class Batch
    {
        public List<PreparedEvent> Events { get; } = new(BatchSize);
        public List<Rejection> Rejections { get; } = [];

        /// <summary>What deciding this batch added to the sightings, stored with it.</summary>
        public IReadOnlyList<SightingChange> Sightings { get; set; } = [];

        public int Count => Events.Count + Rejections.Count;
    }

    /// <summary>
    /// How many of the report's rows are stored: one per line, as an event or a rejection (a rejection resolved from
    /// the quarantine has its event at the same line).
    /// </summary>
    private static async Task<long> RowsStoredAsync(HeraldDb db, long reportId, CancellationToken cancellationToken) =>
        await db.Events.LongCountAsync(e => e.ReportId == reportId, cancellationToken)
        + await db.Rejections.LongCountAsync(r => r.ReportId == reportId && r.EventId == null, cancellationToken);

    private static async Task<IReadOnlyDictionary<Route, long>> RoutesOfAsync(HeraldDb db, long reportId, CancellationToken cancellationToken)
    {
        var counts = await db.Directives.Where(d => d.ReportId == reportId).GroupBy(d => d.Route)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }
}

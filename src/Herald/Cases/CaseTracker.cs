using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cases;

/// <summary>
/// Keeps cases in step with reports: a warned asset opens a case per recipient, asset and issue; a later report
/// that shows it again, whatever was decided for it (warned, suppressed as seen before, inhibited, held), updates when
/// it was last seen and how often; a later report of the same type without it counts towards resolving the case.
/// Each report counts once: it is marked observed in the transaction of its case updates.
/// </summary>
public sealed class CaseTracker(FollowUpOptions options, TimeProvider time)
{
    /// <summary>Rows (and cases) handled per query and save: a large report touches millions of cases.</summary>
    private const int SliceSize = 2000;

    /// <summary>
    /// Opens and updates the cases a stored (and warned) report touches; returns (opened, seen, resolved). A report
    /// already observed changes nothing, so this is safe to repeat and to run from two processes at once.
    /// </summary>
    /// <remarks>
    /// Works in slices, each read, looked up and saved at once, then forgotten: memory does not grow with the report.
    /// A case this report already counted has <see cref="Case.LastReportId"/> set to it, so it is not counted again.
    /// </remarks>
    public async Task<(int Opened, int Seen, int Resolved)> ObserveReportAsync(HeraldDb db, long reportId, CancellationToken cancellationToken)
    {
        // The write lock first: a second observer of the same report waits here and then finds it observed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.Reports.AsNoTracking().FirstAsync(r => r.Id == reportId, cancellationToken);
        if (report.CasesObservedAt is not null) return (0, 0, 0);
        var now = time.GetUtcNow();

        var seen = await SeeAgainAsync(db, report, cancellationToken);
        var opened = await OpenAsync(db, report, now, cancellationToken);
        var resolved = report.ReportType is { } type ? await CountCleanAsync(db, report, type, now, cancellationToken) : 0;
        await db.Reports.Where(r => r.Id == reportId).ExecuteUpdateAsync(u => u.SetProperty(r => r.CasesObservedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (opened, seen, resolved);
    }

    /// <summary>
    /// Every open case whose asset and issue the report shows (for the case's organisation, when it has one) is seen
    /// again, whatever was decided for the event: a suppressed duplicate is as affected as a warned asset.
    /// </summary>
    private static async Task<int> SeeAgainAsync(HeraldDb db, Report report, CancellationToken cancellationToken)
    {
        var seen = 0;
        // Sliced by line, the order of the (report, line) index: no sort per slice, however large the report.
        for (long after = long.MinValue; ;)
        {
            var events = await db.Events.AsNoTracking()
                .Where(e => e.ReportId == report.Id && e.Line > after)
                .OrderBy(e => e.Line).Take(SliceSize)
                .Select(e => new { e.Line, Asset = e.SourceIp ?? e.HostName, Issue = e.ClassificationIdentifier, e.OrganisationId, e.TimeSource })
                .ToListAsync(cancellationToken);
            if (events.Count == 0) break;
            after = events[^1].Line;
            var assets = events.Where(e => e.Asset is not null && e.Issue is not null).Select(e => e.Asset!).Distinct().ToList();
            var byAsset = (await db.Cases
                    .Where(c => assets.Contains(c.Asset) && c.Status != CaseStatus.Resolved && c.LastReportId <= report.Id)
                    .ToListAsync(cancellationToken))
                .ToLookup(c => (c.Asset, c.Issue));
            foreach (var e in events)
            {
                if (e.Asset is null || e.Issue is null) continue;
                foreach (var c in byAsset[(e.Asset, e.Issue)])
                {
                    if (c.OrganisationId is { } organisation && organisation != e.OrganisationId) continue;
                    var at = e.TimeSource ?? report.ReceivedAt;
                    if (at > c.LastSeenAt) c.LastSeenAt = at;
                    if (c.LastReportId == report.Id) continue;
                    c.SeenCount++;
                    c.CleanReports = 0;
                    c.LastReportId = report.Id;
                    seen++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return seen;
    }

    /// <summary>A case for every warned recipient, asset and issue that has no open case yet.</summary>
    private static async Task<int> OpenAsync(HeraldDb db, Report report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opened = 0;
        var references = new Dictionary<long, string>();
        for (long after = 0; ;)
        {
            var rows = await db.Directives.AsNoTracking()
                .Where(d => d.ReportId == report.Id && d.NotificationId != null && d.RecipientEmail != null && d.Id > after)
                .OrderBy(d => d.Id).Take(SliceSize)
                .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new
                {
                    d.Id,
                    d.OrganisationId,
                    d.RecipientEmail,
                    NotificationId = d.NotificationId!.Value,
                    Asset = e.SourceIp ?? e.HostName,
                    e.ClassificationIdentifier,
                    e.SourceAsn,
                    e.TimeSource,
                })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) break;
            after = rows.Max(r => r.Id);
            var keyed = rows.Where(r => r.Asset is not null && r.ClassificationIdentifier is not null)
                .Select(r => (Key: KeyOf(r.OrganisationId, r.RecipientEmail!, r.Asset!, r.ClassificationIdentifier!), Row: r)).ToList();
            var keys = keyed.Select(k => k.Key).Distinct().ToList();
            var open = (await db.Cases.Where(c => keys.Contains(c.Key) && c.Status != CaseStatus.Resolved).Select(c => c.Key).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var (key, row) in keyed)
            {
                if (!open.Add(key)) continue;
                if (!references.TryGetValue(row.NotificationId, out var reference))
                    references[row.NotificationId] = reference = await db.Notifications.Where(n => n.Id == row.NotificationId)
                        .Select(n => n.Reference).FirstAsync(cancellationToken);
                db.Cases.Add(new Case
                {
                    Key = key,
                    OrganisationId = row.OrganisationId,
                    RecipientEmail = row.RecipientEmail!,
                    Asset = row.Asset!,
                    Issue = row.ClassificationIdentifier!,
                    ReportType = report.ReportType,
                    Asn = row.SourceAsn,
                    Status = CaseStatus.Open,
                    OpenedAt = now,
                    LastSeenAt = row.TimeSource ?? report.ReceivedAt,
                    SeenCount = 1,
                    LastReportId = report.Id,
                    NotificationId = row.NotificationId,
                    Reference = reference,
                });
                opened++;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return opened;
    }

    /// <summary>
    /// Cases of the report's type that it did not show: one clean report more, in slices by id.
    /// </summary>
    private async Task<int> CountCleanAsync(HeraldDb db, Report report, string type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolved = 0;
        for (long after = 0; ;)
        {
            var clean = await db.Cases.Where(c => c.Id > after && c.Status != CaseStatus.Resolved && c.ReportType == type && c.LastReportId < report.Id)
                .OrderBy(c => c.Id).Take(SliceSize).ToListAsync(cancellationToken);
            if (clean.Count == 0) break;
            after = clean[^1].Id;
            foreach (var c in clean)
            {
                c.CleanReports++;
                c.LastReportId = report.Id;
                if (c.CleanReports < options.ResolveAfterCleanReports) continue;
                c.Status = CaseStatus.Resolved;
                c.ResolvedAt = now;
                resolved++;
                db.Audit.Add(new AuditEntry
                {
                    At = now,
                    Actor = "cases",
                    Action = "case.resolved",
                    Subject = c.Reference,
                    Detail = $"{c.Asset} {c.Issue}: absent from {c.CleanReports} report(s) of type {type}",
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return resolved;
    }

    private static string KeyOf(long? organisationId, string recipient, string asset, string issue) =>
        $"{(organisationId is { } o ? "org:" + o : "mail:" + recipient.ToLowerInvariant())}|{asset}|{issue}";
}

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
    /// <summary>
    /// Opens and updates the cases a stored (and warned) report touches; returns (opened, seen, resolved). A report
    /// already observed changes nothing, so this is safe to repeat and to run from two processes at once.
    /// </summary>
    public async Task<(int Opened, int Seen, int Resolved)> ObserveReportAsync(HeraldDb db, long reportId, CancellationToken cancellationToken)
    {
        // The write lock first: a second observer of the same report waits here and then finds it observed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await db.Reports.FirstAsync(r => r.Id == reportId, cancellationToken);
        if (report.CasesObservedAt is not null) return (0, 0, 0);
        var now = time.GetUtcNow();

        var open = await db.Cases.Where(c => c.Status != CaseStatus.Resolved).ToListAsync(cancellationToken);
        var seen = await SeeAgainAsync(db, report, open, cancellationToken);
        var opened = await OpenAsync(db, report, open.Select(c => c.Key).ToHashSet(StringComparer.Ordinal), now, cancellationToken);
        var resolved = 0;
        if (report.ReportType is { } type)
        {
            // Cases of this report type that it did not show: one clean report more.
            foreach (var c in open.Where(c => c.ReportType == type && c.LastReportId < reportId))
            {
                c.CleanReports++;
                c.LastReportId = reportId;
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
        }
        report.CasesObservedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (opened, seen, resolved);
    }

    /// <summary>
    /// Every open case whose asset and issue the report shows (for the case's organisation, when it has one) is seen
    /// again, whatever was decided for the event: a suppressed duplicate is as affected as a warned asset.
    /// </summary>
    private static async Task<int> SeeAgainAsync(HeraldDb db, Report report, List<Case> open, CancellationToken cancellationToken)
    {
        var byAsset = open.Where(c => c.LastReportId < report.Id).ToLookup(c => (c.Asset, c.Issue));
        if (byAsset.Count == 0) return 0;
        var seen = 0;
        var events = db.Events.AsNoTracking()
            .Where(e => e.ReportId == report.Id && e.ClassificationIdentifier != null && (e.SourceIp != null || e.HostName != null))
            .Select(e => new { Asset = e.SourceIp ?? e.HostName, Issue = e.ClassificationIdentifier, e.OrganisationId, e.TimeSource })
            .AsAsyncEnumerable();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            foreach (var c in byAsset[(e.Asset!, e.Issue!)])
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
        return seen;
    }

    /// <summary>A case for every warned recipient, asset and issue that has no open case yet.</summary>
    private static async Task<int> OpenAsync(HeraldDb db, Report report, HashSet<string> openKeys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.Directives.AsNoTracking().Where(d => d.ReportId == report.Id && d.NotificationId != null && d.RecipientEmail != null)
            .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new
            {
                d.OrganisationId,
                d.RecipientEmail,
                NotificationId = d.NotificationId!.Value,
                Asset = e.SourceIp ?? e.HostName,
                e.ClassificationIdentifier,
                e.SourceAsn,
                e.TimeSource,
            })
            .ToListAsync(cancellationToken);
        var opened = 0;
        foreach (var row in rows)
        {
            if (row.Asset is null || row.ClassificationIdentifier is null) continue;
            var key = KeyOf(row.OrganisationId, row.RecipientEmail!, row.Asset, row.ClassificationIdentifier);
            if (!openKeys.Add(key)) continue;
            var reference = await db.Notifications.Where(n => n.Id == row.NotificationId).Select(n => n.Reference).FirstAsync(cancellationToken);
            db.Cases.Add(new Case
            {
                Key = key,
                OrganisationId = row.OrganisationId,
                RecipientEmail = row.RecipientEmail!,
                Asset = row.Asset,
                Issue = row.ClassificationIdentifier,
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
        return opened;
    }

    private static string KeyOf(long? organisationId, string recipient, string asset, string issue) =>
        $"{(organisationId is { } o ? "org:" + o : "mail:" + recipient.ToLowerInvariant())}|{asset}|{issue}";
}

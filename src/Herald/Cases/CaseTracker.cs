using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Cases;

/// <summary>
/// Keeps cases in step with reports: a warned asset opens a case per recipient, asset and issue; a later report
/// that shows it again updates when it was last seen and how often; a later report of the same type without
/// it counts towards resolving the case. Each report counts once per case.
/// </summary>
public sealed class CaseTracker(FollowUpOptions options, TimeProvider time)
{
    /// <summary>Opens and updates the cases a stored (and warned) report touches; returns (opened, updated, resolved).</summary>
    public async Task<(int Opened, int Seen, int Resolved)> ObserveReportAsync(HeraldDb db, long reportId, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().FirstAsync(r => r.Id == reportId, cancellationToken);
        var rows = await db.Directives.AsNoTracking().Where(d => d.ReportId == reportId && d.NotificationId != null && d.RecipientEmail != null)
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
        var now = time.GetUtcNow();
        int opened = 0, seen = 0, resolved = 0;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Asset is null || row.ClassificationIdentifier is null) continue;
            var key = KeyOf(row.OrganisationId, row.RecipientEmail!, row.Asset, row.ClassificationIdentifier);
            if (!touched.Add(key)) continue;
            var open = await db.Cases.FirstOrDefaultAsync(c => c.Key == key && c.Status != CaseStatus.Resolved, cancellationToken);
            var at = row.TimeSource ?? report.ReceivedAt;
            if (open is null)
            {
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
                    LastSeenAt = at,
                    SeenCount = 1,
                    LastReportId = reportId,
                    NotificationId = row.NotificationId,
                    Reference = reference,
                });
                opened++;
            }
            else if (open.LastReportId < reportId)
            {
                open.LastSeenAt = at > open.LastSeenAt ? at : open.LastSeenAt;
                open.SeenCount++;
                open.CleanReports = 0;
                open.LastReportId = reportId;
                seen++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        if (report.ReportType is { } type)
        {
            // Cases of this report type that it did not show: one clean report more.
            var clean = await db.Cases.Where(c => c.Status != CaseStatus.Resolved && c.ReportType == type && c.LastReportId < reportId)
                .ToListAsync(cancellationToken);
            foreach (var c in clean)
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
            await db.SaveChangesAsync(cancellationToken);
        }
        return (opened, seen, resolved);
    }

    private static string KeyOf(long? organisationId, string recipient, string asset, string issue) =>
        $"{(organisationId is { } o ? "org:" + o : "mail:" + recipient.ToLowerInvariant())}|{asset}|{issue}";
}

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
    /// <summary>Directives (and cases) handled per query and save: a large report touches millions of cases.</summary>
    private const int SliceSize = 2000;

    /// <summary>Opens and updates the cases a stored (and warned) report touches; returns (opened, updated, resolved).</summary>
    /// <remarks>
    /// Works in slices, each read, looked up and saved at once, then forgotten: memory does not grow with the report.
    /// A case this report already counted has <see cref="Case.LastReportId"/> set to it, so it is not counted again.
    /// </remarks>
    public async Task<(int Opened, int Seen, int Resolved)> ObserveReportAsync(HeraldDb db, long reportId, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().FirstAsync(r => r.Id == reportId, cancellationToken);
        var now = time.GetUtcNow();
        int opened = 0, seen = 0, resolved = 0;
        var references = new Dictionary<long, string>();
        for (long after = 0; ;)
        {
            var rows = await db.Directives.AsNoTracking()
                .Where(d => d.ReportId == reportId && d.NotificationId != null && d.RecipientEmail != null && d.Id > after)
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
            var open = await db.Cases.Where(c => keys.Contains(c.Key) && c.Status != CaseStatus.Resolved).ToDictionaryAsync(c => c.Key, cancellationToken);
            foreach (var (key, row) in keyed)
            {
                var at = row.TimeSource ?? report.ReceivedAt;
                if (!open.TryGetValue(key, out var existing))
                {
                    if (!references.TryGetValue(row.NotificationId, out var reference))
                        references[row.NotificationId] = reference = await db.Notifications.Where(n => n.Id == row.NotificationId)
                            .Select(n => n.Reference).FirstAsync(cancellationToken);
                    var opening = new Case
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
                        LastSeenAt = at,
                        SeenCount = 1,
                        LastReportId = reportId,
                        NotificationId = row.NotificationId,
                        Reference = reference,
                    };
                    db.Cases.Add(opening);
                    open[key] = opening;
                    opened++;
                }
                else if (existing.LastReportId < reportId)
                {
                    existing.LastSeenAt = at > existing.LastSeenAt ? at : existing.LastSeenAt;
                    existing.SeenCount++;
                    existing.CleanReports = 0;
                    existing.LastReportId = reportId;
                    seen++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        if (report.ReportType is { } type)
        {
            // Cases of this report type that it did not show: one clean report more. Each slice is counted (its
            // LastReportId becomes this report), so the next query finds the ones still left.
            while (await db.Cases.Where(c => c.Status != CaseStatus.Resolved && c.ReportType == type && c.LastReportId < reportId)
                       .OrderBy(c => c.Id).Take(SliceSize).ToListAsync(cancellationToken) is { Count: > 0 } clean)
            {
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
                db.ChangeTracker.Clear();
            }
        }
        return (opened, seen, resolved);
    }

    private static string KeyOf(long? organisationId, string recipient, string asset, string issue) =>
        $"{(organisationId is { } o ? "org:" + o : "mail:" + recipient.ToLowerInvariant())}|{asset}|{issue}";
}

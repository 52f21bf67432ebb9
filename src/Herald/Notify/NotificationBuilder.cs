using System.Globalization;
using System.Security.Cryptography;
using Herald.Decide;
using Herald.Events;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Notify;

/// <summary>
/// Turns directives that have no warning yet into one warning per route and recipient. The warning,
/// its outbox state and the link from each directive are written in one transaction: a directive is
/// warned about once, whatever crashes.
/// </summary>
public sealed class NotificationBuilder(ServiceOptions service, WarningComposer composer, TimeProvider time)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static readonly Route[] Deliverable = [Route.Direct, Route.NationalCsirt, Route.Partner, Route.NetworkOwner];

    /// <summary>Creates the pending warnings; returns how many.</summary>
    public async Task<int> CreatePendingAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var groups = await db.Directives
            .Where(d => d.NotificationId == null && Deliverable.Contains(d.Route) && d.RecipientEmail != null)
            .GroupBy(d => new { d.Route, d.RecipientEmail })
            .Select(g => new { g.Key.Route, g.Key.RecipientEmail })
            .ToListAsync(cancellationToken);
        var created = 0;
        foreach (var group in groups)
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.Directives
                .Where(d => d.NotificationId == null && d.Route == group.Route && d.RecipientEmail == group.RecipientEmail)
                .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new { Directive = d, e.Json })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) continue;
            var first = rows[0].Directive;
            string? member = null;
            var names = new Dictionary<long, string>();
            if (group.Route is Route.Partner or Route.NationalCsirt)
            {
                // A partner warns its members: each asset says whose it is.
                var orgIds = rows.Select(r => r.Directive.OrganisationId).OfType<long>().Distinct().ToList();
                names = await db.Organisations.Where(o => orgIds.Contains(o.Id))
                    .ToDictionaryAsync(o => o.Id, o => $"{o.Name}, KvK {o.KvkNumber}", cancellationToken);
                if (orgIds is [var only]) member = names.GetValueOrDefault(only);
            }
            var assets = rows.Select(r => ToAsset(r.Json, r.Directive.OrganisationId is { } id ? names.GetValueOrDefault(id) : null)).ToList();
            var now = time.GetUtcNow();
            var reference = await NextReferenceAsync(db, now, cancellationToken);
            var code = NewVerificationCode();
            var warning = composer.Compose(group.Route, first.RecipientName, member, reference, code, assets);
            var notification = new Notification
            {
                Reference = reference,
                VerificationCode = code,
                Route = group.Route,
                RecipientEmail = group.RecipientEmail!,
                RecipientName = first.RecipientName,
                PartnerCode = first.PartnerCode,
                OrganisationId = rows.Select(r => r.Directive.OrganisationId).Distinct().Count() == 1 ? first.OrganisationId : null,
                Subject = warning.Subject,
                BodyText = warning.Body,
                AssetsCsv = warning.AssetsCsv,
                AssetCount = assets.Count,
                CreatedAt = now,
                Status = DeliveryStatus.Pending,
                MessageId = $"{reference.ToLowerInvariant()}@{service.SenderAddress[(service.SenderAddress.IndexOf('@', StringComparison.Ordinal) + 1)..]}",
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var r in rows) r.Directive.NotificationId = notification.Id;
            db.Audit.Add(new AuditEntry
            {
                At = now, Actor = "pipeline", Action = "notification.created", Subject = reference,
                Detail = $"{group.Route} to {group.RecipientEmail}, {assets.Count} asset(s)",
            });
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            created++;
        }
        return created;
    }

    private static AffectedAsset ToAsset(string json, string? organisation)
    {
        var e = IntelMqJson.Read(json, out _) ?? new Event();
        return new AffectedAsset(e.SourceIp?.ToString(), e.SourcePort, e.ProtocolTransport, e.SourceFqdn ?? e.SourceReverseDns,
            e.TimeSource, e.ClassificationIdentifier, e.ClassificationType, e.FeedName, e.ProductVulnerabilities, organisation);
    }

    /// <summary>The next readable reference of the year, e.g. HRLD-2026-000123.</summary>
    private async Task<string> NextReferenceAsync(HeraldDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prefix = $"{service.ReferencePrefix}-{now.Year.ToString(CultureInfo.InvariantCulture)}-";
        var last = await db.Notifications.Where(n => n.Reference.StartsWith(prefix))
            .OrderByDescending(n => n.Reference).Select(n => n.Reference).FirstOrDefaultAsync(cancellationToken);
        var next = last is null ? 1 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
        return prefix + next.ToString("000000", CultureInfo.InvariantCulture);
    }

    private static string NewVerificationCode() =>
        string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        });
}

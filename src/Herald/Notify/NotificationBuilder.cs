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

    private const int GroupsPerTransaction = 200;

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
        int? sequence = null;
        // Several warnings share a transaction (a commit per warning dominated the cost); each warning and the
        // links from its directives are still written together, so a crash leaves every warning whole or absent.
        foreach (var chunk in groups.Chunk(GroupsPerTransaction))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var group in chunk)
            {
                if (await CreateOneAsync(group.Route, group.RecipientEmail!) is not null) created++;
            }
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return created;

        async Task<string?> CreateOneAsync(Route route, string recipient)
        {
            var rows = await db.Directives.AsNoTracking()
                .Where(d => d.NotificationId == null && d.Route == route && d.RecipientEmail == recipient)
                .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new { Directive = d, e.Json })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) return null;
            var group = new { Route = route, RecipientEmail = recipient };
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
            sequence ??= await LastSequenceAsync(db, now, cancellationToken);
            sequence++;
            var reference = Reference(now, sequence.Value);
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
            // In slices: SQLite limits the parameters of one statement.
            foreach (var slice in rows.Select(r => r.Directive.Id).Chunk(500))
                await db.Directives.Where(d => slice.Contains(d.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.NotificationId, notification.Id), cancellationToken);
            db.Audit.Add(new AuditEntry
            {
                At = now,
                Actor = "pipeline",
                Action = "notification.created",
                Subject = reference,
                Detail = $"{group.Route} to {group.RecipientEmail}, {assets.Count} asset(s)",
            });
            return reference;
        }
    }

    private static AffectedAsset ToAsset(string json, string? organisation)
    {
        var e = IntelMqJson.Read(json, out _) ?? new Event();
        return new AffectedAsset(e.SourceIp?.ToString(), e.SourcePort, e.ProtocolTransport, e.SourceFqdn ?? e.SourceReverseDns,
            e.TimeSource, e.ClassificationIdentifier, e.ClassificationType, e.FeedName, e.ProductVulnerabilities, organisation);
    }

    private string Prefix(DateTimeOffset now) => $"{service.ReferencePrefix}-{now.Year.ToString(CultureInfo.InvariantCulture)}-";

    /// <summary>A readable reference, e.g. HRLD-2026-000123: the year and a number counting up within it.</summary>
    private string Reference(DateTimeOffset now, int sequence) => Prefix(now) + sequence.ToString("000000", CultureInfo.InvariantCulture);

    /// <summary>The last number given out this year (0 for none); the unique index on Reference catches a race.</summary>
    private async Task<int> LastSequenceAsync(HeraldDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prefix = Prefix(now);
        // A range over the unique index rather than LIKE, which SQLite cannot answer from an index.
        var last = await db.Notifications.Where(n => n.Reference.CompareTo(prefix) > 0 && n.Reference.CompareTo(prefix + "~") < 0)
            .OrderByDescending(n => n.Reference).Select(n => n.Reference).FirstOrDefaultAsync(cancellationToken);
        return last is null ? 0 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture);
    }

    private static string NewVerificationCode() =>
        string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        });
}

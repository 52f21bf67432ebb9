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
        composer.Refresh();
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
            // Streamed, keeping only what the warning needs: a network owner's group can hold hundreds of thousands of events.
            var directiveIds = new List<long>();
            var organisationIds = new List<long?>();
            var assets = new List<AffectedAsset>();
            string? recipientName = null, partnerCode = null;
            // Most values repeat from asset to asset (transport, identifier, type, feed, CVEs): kept once per warning.
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            var query = db.Directives.AsNoTracking()
                .Where(d => d.NotificationId == null && d.Route == route && d.RecipientEmail == recipient)
                .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new { d.Id, d.OrganisationId, d.RecipientName, d.PartnerCode, e.Json });
            await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                directiveIds.Add(row.Id);
                organisationIds.Add(row.OrganisationId);
                recipientName ??= row.RecipientName;
                partnerCode ??= row.PartnerCode;
                assets.Add(ToAsset(row.Json, pool));
            }
            if (directiveIds.Count == 0) return null;
            var distinctOrganisations = organisationIds.Distinct().ToList();
            string? member = null;
            if (route is Route.Partner or Route.NationalCsirt)
            {
                // A partner warns its members: each asset says whose it is.
                var names = new Dictionary<long, string>();
                foreach (var slice in distinctOrganisations.OfType<long>().Chunk(500))
                {
                    foreach (var o in await db.Organisations.AsNoTracking().Where(o => slice.Contains(o.Id))
                                 .Select(o => new { o.Id, o.Name, o.KvkNumber }).ToListAsync(cancellationToken))
                        names[o.Id] = $"{o.Name}, KvK {o.KvkNumber}";
                }
                for (var i = 0; i < assets.Count; i++)
                    if (organisationIds[i] is { } id && names.TryGetValue(id, out var name)) assets[i] = assets[i] with { Organisation = name };
                if (distinctOrganisations is [{ } only]) member = names.GetValueOrDefault(only);
            }
            var now = time.GetUtcNow();
            sequence ??= await LastSequenceAsync(db, now, cancellationToken);
            sequence++;
            var reference = Reference(now, sequence.Value);
            var code = NewVerificationCode();
            var languages = WarningLanguages.Choose(await PreferredLanguagesAsync(distinctOrganisations, recipient));
            var warning = composer.Compose(route, recipientName, recipient, member, reference, code, assets, languages);
            var notification = new Notification
            {
                Reference = reference,
                VerificationCode = code,
                Route = route,
                RecipientEmail = recipient,
                RecipientName = recipientName,
                PartnerCode = partnerCode,
                OrganisationId = distinctOrganisations is [{ } single] ? single : null,
                Subject = warning.Subject,
                BodyText = warning.Text,
                BodyHtml = warning.Html,
                Languages = string.Join(',', warning.Languages),
                AssetsCsv = warning.AssetsCsv,
                AssetCount = assets.Count,
                CreatedAt = now,
                Status = DeliveryStatus.Pending,
                MessageId = $"{reference.ToLowerInvariant()}@{service.SenderDomain}",
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync(cancellationToken);
            // Its text and attachment are stored: not kept by the tracker for the rest of the transaction's warnings.
            db.Entry(notification).State = EntityState.Detached;
            // In slices: SQLite limits the parameters of one statement.
            foreach (var slice in directiveIds.Chunk(500))
                await db.Directives.Where(d => slice.Contains(d.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.NotificationId, notification.Id), cancellationToken);
            db.Audit.Add(new AuditEntry
            {
                At = now,
                Actor = "pipeline",
                Action = "notification.created",
                Subject = reference,
                Detail = $"{route} to {recipient}, {assets.Count} asset(s)",
            });
            return reference;
        }

        // The languages of the organisation's contact with this address; partners and network owners have none on record.
        async Task<string?> PreferredLanguagesAsync(List<long?> organisations, string recipient) =>
            organisations is [{ } organisation]
                ? await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == organisation && c.Email == recipient)
                    .Select(c => c.Languages).FirstOrDefaultAsync(cancellationToken)
                : null;
    }

    /// <summary>A fresh reference for a warning made outside this builder (a reminder, an escalation).</summary>
    public async Task<string> NextReferenceAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Reference(now, await LastSequenceAsync(db, now, cancellationToken) + 1);
    }

    private static AffectedAsset ToAsset(string json, Dictionary<string, string> pool)
    {
        var e = IntelMqJson.Read(json, out _) ?? new Event();
        return new AffectedAsset(e.SourceIp?.ToString(), e.SourcePort, Shared(e.ProtocolTransport), e.SourceFqdn ?? e.SourceReverseDns,
            e.TimeSource, Shared(e.ClassificationIdentifier), Shared(e.ClassificationType), Shared(e.FeedName),
            e.ProductVulnerabilities.Count == 0 ? [] : e.ProductVulnerabilities.Select(v => Shared(v)!).ToArray(), null);

        string? Shared(string? value)
        {
            if (value is null) return null;
            if (pool.TryGetValue(value, out var kept)) return kept;
            pool[value] = value;
            return value;
        }
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

    internal static string NewVerificationCode() =>
        string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        });
}

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
            // Streamed, keeping only what the text needs (a few assets per issue, counts and ports): a network owner's
            // group can hold hundreds of thousands of events. The attachment is written from them when the message is made.
            var directiveIds = new List<long>();
            var organisations = new HashSet<long?>();
            var assets = composer.NewAssets();
            string? recipientName = null, partnerCode = null, organisationName = null;
            var directives = db.Directives.Where(d => d.NotificationId == null && d.Route == route && d.RecipientEmail == recipient);
            await foreach (var row in DirectiveAssets.ReadAsync(db, directives, route, cancellationToken))
            {
                directiveIds.Add(row.DirectiveId);
                organisations.Add(row.OrganisationId);
                recipientName ??= row.RecipientName;
                partnerCode ??= row.PartnerCode;
                organisationName ??= row.Asset.Organisation;
                assets.Add(row.Asset);
            }
            if (directiveIds.Count == 0) return null;
            long? single = organisations.Count == 1 ? organisations.Single() : null;
            // A partner warning about one member names it.
            var member = single is null ? null : organisationName;
            var now = time.GetUtcNow();
            sequence ??= await LastSequenceAsync(db, now, cancellationToken);
            sequence++;
            var reference = Reference(now, sequence.Value);
            var code = NewVerificationCode();
            var languages = WarningLanguages.Choose(await PreferredLanguagesAsync(single, recipient));
            var warning = composer.Compose(route, recipientName, recipient, member, reference, code, assets, languages);
            var notification = new Notification
            {
                Reference = reference,
                VerificationCode = code,
                Route = route,
                RecipientEmail = recipient,
                RecipientName = recipientName,
                PartnerCode = partnerCode,
                OrganisationId = single,
                Subject = warning.Subject,
                BodyText = warning.Text,
                BodyHtml = warning.Html,
                Languages = string.Join(',', warning.Languages),
                AssetsAttached = warning.Attachment,
                AssetCount = assets.Count,
                CreatedAt = now,
                Status = DeliveryStatus.Pending,
                MessageId = $"{reference.ToLowerInvariant()}@{service.SenderDomain}",
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync(cancellationToken);
            // Its text is stored: not kept by the tracker for the rest of the transaction's warnings.
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
        async Task<string?> PreferredLanguagesAsync(long? organisation, string recipient) =>
            organisation is not null
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

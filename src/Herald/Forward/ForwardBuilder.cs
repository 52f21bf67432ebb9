using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Herald.Decide;
using Herald.Deliver;
using Herald.Notify;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Forward;

/// <summary>
/// Turns the partner-routed directives (national CSIRT and partner routes) that have no notification yet into one
/// forward per partner: a notification with its reference, verification code and cover text (the outbox row), the
/// forward's channel and format, and the link from every directive, written in one transaction. A case is
/// forwarded once: linked directives are not taken again, and the forward's case key is unique.
/// </summary>
public sealed class ForwardBuilder(ServiceOptions service, NotificationBuilder references, TimeProvider time)
{
    private static readonly Route[] Forwarded = [Route.NationalCsirt, Route.Partner];

    private readonly ForwardCoverText _cover = new(service);

    /// <summary>Creates the pending forwards; returns how many.</summary>
    public async Task<int> CreatePendingAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var codes = await Pending(db).Select(d => d.PartnerCode!).Distinct().ToListAsync(cancellationToken);
        if (codes.Count == 0) return 0;
        // A directive whose partner has left the registry keeps the ordinary warning to the address it was given.
        var partners = await db.Partners.AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var partner in partners.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            if (await CreateOneAsync(db, partner, cancellationToken)) created++;
        }
        return created;
    }

    private static IQueryable<StoredDirective> Pending(HeraldDb db) =>
        db.Directives.Where(d => d.NotificationId == null && Forwarded.Contains(d.Route) && d.PartnerCode != null && d.RecipientEmail != null);

    private async Task<bool> CreateOneAsync(HeraldDb db, Partner partner, CancellationToken cancellationToken)
    {
        var rows = await Pending(db).AsNoTracking().Where(d => d.PartnerCode == partner.Code)
            .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new
            {
                d.Id,
                d.EventId,
                d.Route,
                d.OrganisationId,
                Kind = e.ClassificationIdentifier ?? e.ClassificationType,
            })
            .OrderBy(r => r.EventId).ToListAsync(cancellationToken);
        if (rows.Count == 0) return false;

        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var reference = await references.NextReferenceAsync(db, cancellationToken);
        var code = NotificationBuilder.NewVerificationCode();
        var organisations = rows.Select(r => r.OrganisationId).OfType<long>().Distinct().ToList();
        var kinds = rows.GroupBy(r => r.Kind ?? "unknown", StringComparer.Ordinal)
            .Select(g => (Kind: g.Key, Count: g.Count())).OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
        var (subject, text) = _cover.Compose(partner, reference, code, rows.Count, organisations.Count, kinds,
            ForwardDocuments.FileName(partner.Format, reference));
        var notification = new Notification
        {
            Reference = reference,
            VerificationCode = code,
            Route = rows.All(r => r.Route == Route.NationalCsirt) ? Route.NationalCsirt : Route.Partner,
            RecipientEmail = partner.Email,
            RecipientName = partner.Name,
            PartnerCode = partner.Code,
            OrganisationId = organisations is [var only] ? only : null,
            Subject = subject,
            BodyText = text,
            Languages = "nl,en",
            AssetCount = rows.Count,
            CreatedAt = now,
            Status = DeliveryStatus.Pending,
            MessageId = MessageIds.ForReference(reference, service.SenderAddress),
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);
        db.Set<PartnerForward>().Add(new PartnerForward
        {
            NotificationId = notification.Id,
            PartnerCode = partner.Code,
            Channel = partner.Channel,
            Format = partner.Format,
            Endpoint = partner.Channel == PartnerChannel.HttpsPost ? partner.Endpoint : null,
            CaseCount = rows.Count,
            CaseKey = CaseKey(partner.Code, rows.Select(r => r.EventId)),
            CreatedAt = now,
        });
        var linked = 0;
        // In slices: SQLite limits the parameters of one statement. Only directives still without a notification are taken.
        foreach (var slice in rows.Select(r => r.Id).Chunk(500))
            linked += await db.Directives.Where(d => slice.Contains(d.Id) && d.NotificationId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.NotificationId, notification.Id), cancellationToken);
        if (linked != rows.Count)
        {
            // Another process forwarded some of these cases meanwhile: this forward is dropped (rolled back) whole.
            db.ChangeTracker.Clear();
            return false;
        }
        db.Audit.Add(new AuditEntry
        {
            At = now,
            Actor = "pipeline",
            Action = "forward.created",
            Subject = reference,
            Detail = $"{notification.Route} to {partner.Code}: {rows.Count} case(s) as {ForwardDocuments.FormatName(partner.Format)} by "
                     + (partner.Channel == PartnerChannel.HttpsPost ? $"HTTPS POST to {partner.Endpoint}" : $"e-mail to {partner.Email}"),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same cases were forwarded already (the unique case key): nothing is written twice.
            db.ChangeTracker.Clear();
            return false;
        }
        await tx.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>SHA-256 (hex) over the partner code and the forwarded events' ids in order.</summary>
    public static string CaseKey(string partnerCode, IEnumerable<long> eventIds)
    {
        var text = new StringBuilder(partnerCode).Append(':');
        foreach (var id in eventIds.Order()) text.Append(id.ToString(CultureInfo.InvariantCulture)).Append(',');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

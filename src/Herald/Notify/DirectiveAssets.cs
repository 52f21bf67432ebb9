using System.Runtime.CompilerServices;
using Herald.Decide;
using Herald.Events;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Notify;

/// <summary>
/// The affected assets behind a set of directives, read from their events one row at a time in directive order.
/// A network owner's warning can cover hundreds of thousands of events: the caller keeps what it needs, nothing more.
/// </summary>
internal static class DirectiveAssets
{
    /// <summary>One directive and the asset its event shows.</summary>
    internal readonly record struct Row(long DirectiveId, long? OrganisationId, string? RecipientName, string? PartnerCode, AffectedAsset Asset);

    /// <param name="directives">Directives of one route and recipient (or of one warning).</param>
    /// <param name="route">A partner or the national CSIRT warns its members: then each asset says whose it is.</param>
    public static async IAsyncEnumerable<Row> ReadAsync(HeraldDb db, IQueryable<StoredDirective> directives, Route route,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = route is Route.Partner or Route.NationalCsirt ? await OrganisationNamesAsync(db, directives, cancellationToken) : null;
        // The order of the index on (NotificationId, Route, RecipientEmail): SQLite streams it without sorting, and
        // reading the same directives again gives the same rows in the same order.
        var query = directives.AsNoTracking()
            .OrderBy(d => d.Route).ThenBy(d => d.RecipientEmail).ThenBy(d => d.Id)
            .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new { d.Id, d.OrganisationId, d.RecipientName, d.PartnerCode, e.Json });
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var organisation = names is not null && row.OrganisationId is { } id ? names.GetValueOrDefault(id) : null;
            yield return new Row(row.Id, row.OrganisationId, row.RecipientName, row.PartnerCode, ToAsset(row.Json, organisation));
        }
    }

    private static async Task<Dictionary<long, string>> OrganisationNamesAsync(HeraldDb db, IQueryable<StoredDirective> directives,
        CancellationToken cancellationToken)
    {
        var ids = await directives.Where(d => d.OrganisationId != null).Select(d => d.OrganisationId!.Value).Distinct().ToListAsync(cancellationToken);
        var names = new Dictionary<long, string>();
        // In slices: SQLite limits the parameters of one statement.
        foreach (var slice in ids.Chunk(500))
        {
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => slice.Contains(o.Id))
                         .Select(o => new { o.Id, o.Name, o.KvkNumber }).ToListAsync(cancellationToken))
                names[o.Id] = $"{o.Name}, KvK {o.KvkNumber}";
        }
        return names;
    }

    private static AffectedAsset ToAsset(string json, string? organisation)
    {
        var e = IntelMqJson.Read(json, out _) ?? new Event();
        return new AffectedAsset(e.SourceIp?.ToString(), e.SourcePort, e.ProtocolTransport, e.SourceFqdn ?? e.SourceReverseDns,
            e.TimeSource, e.ClassificationIdentifier, e.ClassificationType, e.FeedName, e.ProductVulnerabilities, organisation);
    }
}

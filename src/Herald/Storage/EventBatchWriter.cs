using System.Data.Common;
using Herald.Decide;
using Herald.Decide.Suppress;
using Herald.Enrich;
using Herald.Events;
using Herald.Parse;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Storage;

/// <summary>
/// The fast path for storing events: prepared statements in one transaction per batch, bypassing
/// change tracking. Re-parsing a report is idempotent: (report, line) is unique and a conflicting
/// event is skipped together with its directive.
/// </summary>
public sealed class EventBatchWriter : IAsyncDisposable
{
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    private readonly HeraldDb _db;
    private readonly DbConnection _connection;
    private DbCommand? _event;
    private DbCommand? _directive;
    private DbCommand? _rejection;

    private EventBatchWriter(HeraldDb db, DbConnection connection)
    {
        _db = db;
        _connection = connection;
    }

    public static async Task<EventBatchWriter> OpenAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new EventBatchWriter(db, db.Database.GetDbConnection());
    }

    /// <summary>
    /// Writes one batch, and what deciding it added to the sightings, in one transaction; returns how many events and
    /// rejections were new.
    /// </summary>
    public async Task<(int Events, int Rejections)> WriteAsync(long reportId, IReadOnlyList<PreparedEvent> events,
        IReadOnlyList<Rejection> rejections, IReadOnlyList<SightingChange> sightings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var tx = await _connection.BeginTransactionAsync(cancellationToken);
        Prepare(tx);
        int newEvents = 0, newRejections = 0;
        var created = Time.ConvertToProvider(now)!;
        foreach (var (line, enriched, directive, json) in events)
        {
            var e = enriched.Event;
            Set(_event!, reportId, line, e.TimeSource is { } ts ? Time.ConvertToProvider(ts) : null, e.FeedName,
                e.ClassificationTaxonomy, e.ClassificationType, e.ClassificationIdentifier, e.SourceIp?.ToString(), e.SourcePort,
                e.SourceAsn, e.HostName, e.SourceGeolocationCc, enriched.Organisation?.Organisation.Id, json, e.Raw);
            var id = await _event!.ExecuteScalarAsync(cancellationToken);
            if (id is null or DBNull) continue;
            newEvents++;
            Set(_directive!, id, reportId, directive.Route.ToString(), directive.RecipientEmail, directive.RecipientName,
                directive.OrganisationId, directive.PartnerCode, directive.Template, directive.AggregationKey,
                string.Join('\n', directive.Reasons), created, directive.RuleSetVersion, string.Join(',', directive.FiredRules),
                directive.Severity is { } severity ? Severities.Name(severity) : null, directive.Priority,
                directive.Interval?.ToString("c", System.Globalization.CultureInfo.InvariantCulture), directive.ProposedRoute?.ToString(),
                directive.Suppression, directive.HeldBy, directive.HeldByAuthor,
                directive.NotBefore is { } notBefore ? Time.ConvertToProvider(notBefore) : null,
                directive.RecipientPhone, directive.Contacts?.Text);
            await _directive!.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var r in rejections)
        {
            Set(_rejection!, reportId, r.Line, r.Raw, r.Reason);
            newRejections += await _rejection!.ExecuteNonQueryAsync(cancellationToken);
        }
        await SightingIndex.WriteAsync(tx, sightings, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (newEvents, newRejections);
    }

    private void Prepare(DbTransaction tx)
    {
        _event ??= Create("""
            INSERT INTO "Events" ("ReportId","Line","TimeSource","FeedName","ClassificationTaxonomy","ClassificationType",
              "ClassificationIdentifier","SourceIp","SourcePort","SourceAsn","HostName","CountryCode","OrganisationId","Json","Raw")
            VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,@p13,@p14)
            ON CONFLICT ("ReportId","Line") DO NOTHING RETURNING "Id"
            """, 15);
        _directive ??= Create("""
            INSERT INTO "Directives" ("EventId","ReportId","Route","RecipientEmail","RecipientName","OrganisationId",
              "PartnerCode","Template","AggregationKey","Reasons","CreatedAt","RuleSetVersion","FiredRules","Severity","Priority",
              "Interval","ProposedRoute","Suppression","HeldBy","HeldByAuthor","NotBefore","RecipientPhone","Contacts")
            VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,@p13,@p14,@p15,@p16,@p17,@p18,@p19,@p20,@p21,@p22)
            """, 23);
        _rejection ??= Create("""
            INSERT INTO "Rejections" ("ReportId","Line","Raw","Reason") VALUES (@p0,@p1,@p2,@p3)
            ON CONFLICT ("ReportId","Line") DO NOTHING
            """, 4);
        _event.Transaction = _directive.Transaction = _rejection.Transaction = tx;
    }

    private DbCommand Create(string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_event is not null) await _event.DisposeAsync();
        if (_directive is not null) await _directive.DisposeAsync();
        if (_rejection is not null) await _rejection.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}

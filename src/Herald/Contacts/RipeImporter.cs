using System.Data.Common;
using System.Globalization;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Contacts;

/// <summary>
/// Imports the RIPE database split files (ripe.db.inetnum, inet6num, aut-num, role, organisation; plain or gzip)
/// by streaming: objects are upserted in batches with prepared statements, and once every file is in, each network
/// and AS is linked to an abuse mailbox through its abuse-c role, or else its organisation's abuse-c role.
/// </summary>
public sealed class RipeImporter(HeraldDb db, TimeProvider time)
{
    private const int BatchSize = 5000;
    private const int MaxProblemsKept = 1000;
    private static readonly DateTimeOffsetToBinaryConverter TimeConverter = new();

    private readonly Dictionary<string, long> _imported = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private long _problemCount;

    public async Task<RipeImportResult> ImportFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var path in paths)
            {
                await using var content = RpslReader.Open(path);
                await ImportAsync(connection, content, Path.GetFileName(path), now, cancellationToken);
            }
            var (with, without) = await ResolveAsync(connection, cancellationToken);
            db.Audit.Add(new AuditEntry
            {
                At = now,
                Actor = "cli",
                Action = "contacts.import-ripe",
                Subject = string.Join(", ", paths.Select(Path.GetFileName)),
                Detail = string.Join(", ", _imported.Select(p => $"{p.Value} {p.Key}")) + $"; {with} network(s) with an abuse mailbox; {_problemCount} problem(s)",
            });
            await db.SaveChangesAsync(cancellationToken);
            return new RipeImportResult(_imported, with, without, _problems, _problemCount);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ImportAsync(DbConnection connection, Stream content, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var importedAt = TimeConverter.ConvertToProvider(now)!;
        using var statements = new Statements(connection);
        var pending = 0;
        DbTransaction? tx = null;
        try
        {
            foreach (var o in RpslReader.Read(content, source, (line, reason) => Problem(source, line, reason), cancellationToken))
            {
                tx ??= await connection.BeginTransactionAsync(cancellationToken);
                statements.Use(tx);
                var command = Bind(statements, o, importedAt);
                if (command is null) continue;
                await command.ExecuteNonQueryAsync(cancellationToken);
                _imported[o.Class] = _imported.GetValueOrDefault(o.Class) + 1;
                if (++pending < BatchSize) continue;
                await tx.CommitAsync(cancellationToken);
                await tx.DisposeAsync();
                tx = null;
                pending = 0;
            }
            if (tx is not null) await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            if (tx is not null) await tx.DisposeAsync();
        }
    }

    /// <summary>The statement for one object with its values set, or null when the object is not used or not valid (a problem is kept).</summary>
    private DbCommand? Bind(Statements s, RpslObject o, object importedAt)
    {
        var origin = $"{o.Source} line {o.Line.ToString(CultureInfo.InvariantCulture)}";
        switch (o.Class)
        {
            case "inetnum" or "inet6num":
                if (!IpKey.TryParseRange(o.Key, out var first, out var last))
                {
                    Problem(o.Source, o.Line, $"{o.Class} '{o.Key}' is not an address range");
                    return null;
                }
                return Statements.Set(s.Network, IpKey.ToText(first), IpKey.ToText(last), IpKey.ToText(last - first), o.Key,
                    o.First("netname"), o.First("abuse-c"), o.First("org"), origin, importedAt);
            case "aut-num":
                if (!long.TryParse(o.Key.AsSpan().TrimStart("ASas"), NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
                {
                    Problem(o.Source, o.Line, $"aut-num '{o.Key}' is not an AS number");
                    return null;
                }
                return Statements.Set(s.AutNum, asn, o.First("as-name"), o.First("abuse-c"), o.First("org"), origin, importedAt);
            case "role":
                var handle = o.First("nic-hdl");
                if (handle is null)
                {
                    Problem(o.Source, o.Line, $"role '{o.Key}' has no nic-hdl");
                    return null;
                }
                var mailbox = o.First("abuse-mailbox");
                string? checkedMailbox = null;
                if (mailbox is not null)
                {
                    checkedMailbox = ContactAddress.CheckEmail(mailbox, out var problem);
                    if (checkedMailbox is null) Problem(o.Source, o.Line, $"role {handle}: abuse-mailbox {problem}");
                }
                return Statements.Set(s.Role, handle, checkedMailbox);
            case "organisation":
                return Statements.Set(s.Organisation, o.Key, o.First("org-name"), o.First("abuse-c"));
            default:
                return null; // person, mntner, route, ...: not needed for abuse contacts.
        }
    }

    private static async Task<(long With, long Without)> ResolveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string Mailbox = """
            COALESCE((SELECT r."AbuseMailbox" FROM "RipeRoles" r WHERE r."Handle" = {0}."AbuseC"),
                     (SELECT r."AbuseMailbox" FROM "RipeOrganisations" o JOIN "RipeRoles" r ON r."Handle" = o."AbuseC" WHERE o."Handle" = {0}."Org"))
            """;
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE "RipeNetworks" SET "AbuseMailbox" = {string.Format(CultureInfo.InvariantCulture, Mailbox, "\"RipeNetworks\"")};
            UPDATE "RipeAutNums" SET "AbuseMailbox" = {string.Format(CultureInfo.InvariantCulture, Mailbox, "\"RipeAutNums\"")};
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = """SELECT COUNT(*) FILTER (WHERE "AbuseMailbox" IS NOT NULL), COUNT(*) FILTER (WHERE "AbuseMailbox" IS NULL) FROM "RipeNetworks" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private void Problem(string source, long line, string reason)
    {
        _problemCount++;
        if (_problems.Count < MaxProblemsKept) _problems.Add($"{source} line {line}: {reason}");
    }

    private sealed class Statements(DbConnection connection) : IDisposable
    {
        public DbCommand Network { get; } = Create(connection, """
            INSERT INTO "RipeNetworks" ("Start","End","Size","Range","NetName","AbuseC","Org","Origin","ImportedAt")
            VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8)
            ON CONFLICT ("Start","End") DO UPDATE SET "Range"=excluded."Range","NetName"=excluded."NetName","AbuseC"=excluded."AbuseC",
              "Org"=excluded."Org","Origin"=excluded."Origin","ImportedAt"=excluded."ImportedAt"
            """, 9);

        public DbCommand AutNum { get; } = Create(connection, """
            INSERT INTO "RipeAutNums" ("Asn","AsName","AbuseC","Org","Origin","ImportedAt") VALUES (@p0,@p1,@p2,@p3,@p4,@p5)
            ON CONFLICT ("Asn") DO UPDATE SET "AsName"=excluded."AsName","AbuseC"=excluded."AbuseC","Org"=excluded."Org",
              "Origin"=excluded."Origin","ImportedAt"=excluded."ImportedAt"
            """, 6);

        public DbCommand Role { get; } = Create(connection, """
            INSERT INTO "RipeRoles" ("Handle","AbuseMailbox") VALUES (@p0,@p1)
            ON CONFLICT ("Handle") DO UPDATE SET "AbuseMailbox"=excluded."AbuseMailbox"
            """, 2);

        public DbCommand Organisation { get; } = Create(connection, """
            INSERT INTO "RipeOrganisations" ("Handle","Name","AbuseC") VALUES (@p0,@p1,@p2)
            ON CONFLICT ("Handle") DO UPDATE SET "Name"=excluded."Name","AbuseC"=excluded."AbuseC"
            """, 3);

        public void Use(DbTransaction tx) => Network.Transaction = AutNum.Transaction = Role.Transaction = Organisation.Transaction = tx;

        public static DbCommand Set(DbCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            return command;
        }

        private static DbCommand Create(DbConnection connection, string sql, int parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = "@p" + i;
                command.Parameters.Add(p);
            }
            return command;
        }

        public void Dispose()
        {
            Network.Dispose();
            AutNum.Dispose();
            Role.Dispose();
            Organisation.Dispose();
        }
    }
}

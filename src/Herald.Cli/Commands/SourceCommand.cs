using System.CommandLine;
using System.Globalization;
using Herald.Collect.Upload;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald source add|list|key create|key revoke</c>: the sources that send data, their criteria and API keys.</summary>
internal static class SourceCommand
{
    private const string Actor = "cli";

    public static Command Create()
    {
        var command = new Command("source", "Sources that send reports: format, reliability, criteria and API keys");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        var key = new Command("key", "API keys for the upload API");
        key.Subcommands.Add(KeyCreate());
        key.Subcommands.Add(KeyRevoke());
        command.Subcommands.Add(key);
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The source's name" };
        var format = new Option<string?>("--format") { Description = $"Format of its reports: {string.Join(", ", SourceCatalog.Formats)} (default shadowserver)" };
        var type = new Option<string?>("--type") { Description = "Its report type, when file names do not tell it (a Shadowserver report type)" };
        var reliability = new Option<string?>("--reliability") { Description = "Admiralty reliability A-F (default B)" };
        var required = new Option<string?>("--require") { Description = "IntelMQ fields every event must carry, comma-separated (e.g. source.port,protocol.transport)" };
        var maxAge = new Option<string?>("--max-age") { Description = "Oldest observation accepted, e.g. 36h or 7d (0 for any age)" };
        var share = new Option<double?>("--min-constituency") { Description = "Least share (0 to 1) of events inside the constituency (0 for none)" };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "A column mapping (YAML, docs/mapping-format.md) for the source's own CSV or JSON; sets format mapped" };
        var command = new Command("add", "Add a source, or change the given settings of an existing one") { name, format, type, reliability, required, maxAge, share, mapping };
        command.SetAction(async (result, cancellationToken) =>
        {
            TimeSpan? age = null;
            if (result.GetValue(maxAge) is { } text)
            {
                if (text == "0") age = TimeSpan.Zero;
                else if (Durations.TryParse(text, out var parsed)) age = parsed;
                else throw new UserException($"--max-age '{text}' is not a duration such as 36h or 7d");
            }
            var mappingFile = result.GetValue(mapping);
            if (mappingFile is not null) OperatorFiles.Require(mappingFile);
            var settings = new SourceSettings
            {
                Format = result.GetValue(format),
                Mapping = mappingFile is null ? null : await File.ReadAllTextAsync(mappingFile.FullName, cancellationToken),
                ReportType = result.GetValue(type),
                Reliability = result.GetValue(reliability),
                RequiredFields = result.GetValue(required)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                MaxAge = age,
                MinConstituencyShare = result.GetValue(share),
            };
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            try
            {
                var (source, isNew) = await new SourceCatalog(runtime.Time).SaveAsync(db, result.GetValue(name)!, settings, Actor, cancellationToken);
                Console.WriteLine($"{(isNew ? "Added" : "Changed")} source {source.Name}: {SourceCatalog.Describe(source)}");
                return 0;
            }
            catch (ArgumentException ex)
            {
                throw new UserException(ex.Message, ex);
            }
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the sources, their criteria and their keys (never the keys' secrets)");
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
            var keys = await db.SourceKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
            var table = new Table().AddColumn("source").AddColumn("format and criteria").AddColumn("keys");
            foreach (var s in sources)
            {
                var lines = keys.Where(k => k.SourceId == s.Id).Select(k =>
                    $"{k.KeyId} created {Time(k.CreatedAt)}, last used {(k.LastUsedAt is { } u ? Time(u) : "never")}" +
                    (k.RevokedAt is { } r ? $", revoked {Time(r)}" : ""));
                table.AddRow(Markup.Escape(s.Name), Markup.Escape(SourceCatalog.Describe(s)), Markup.Escape(string.Join("\n", lines)));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command KeyCreate()
    {
        var name = new Argument<string>("source") { Description = "The source the key is for" };
        var command = new Command("create", "Make an API key for a source; it is printed once and kept only as a hash") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            try
            {
                var (key, secret) = await new SourceKeys(runtime.Time).CreateAsync(db, result.GetValue(name)!, Actor, cancellationToken);
                await Console.Error.WriteLineAsync($"Key {key.KeyId} for {result.GetValue(name)}. It is shown this once; Herald keeps only its hash:");
                Console.WriteLine(secret);
                return 0;
            }
            catch (ArgumentException ex)
            {
                throw new UserException(ex.Message, ex);
            }
        });
        return command;
    }

    private static Command KeyRevoke()
    {
        var keyId = new Argument<string>("key-id") { Description = "The key's id (the part after hk_, as 'source list' shows it)" };
        var command = new Command("revoke", "Revoke an API key at once") { keyId };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var id = result.GetValue(keyId)!;
            if (!await new SourceKeys(runtime.Time).RevokeAsync(db, id, Actor, cancellationToken))
                throw new UserException($"there is no active key {id}");
            Console.WriteLine($"Revoked key {id}.");
            return 0;
        });
        return command;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

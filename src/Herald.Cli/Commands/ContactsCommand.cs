using System.CommandLine;
using Herald.Contacts;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald contacts import-ripe|bounce</c>: reference data for finding who to warn.</summary>
internal static class ContactsCommand
{
    /// <summary>Every AS number in the stored events, with one of its addresses for the RDAP network lookup.</summary>
    private static async Task<Dictionary<long, System.Net.IPAddress?>> SeenAsnsAsync(Herald.Storage.HeraldDb db, CancellationToken cancellationToken)
    {
        var seen = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Events.Where(e => e.SourceAsn != null).GroupBy(e => e.SourceAsn!.Value).Select(g => new { Asn = g.Key, Ip = g.Max(e => e.SourceIp) }),
            cancellationToken);
        return seen.ToDictionary(s => s.Asn, s => System.Net.IPAddress.TryParse(s.Ip, out var ip) ? ip : null);
    }

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "RIPE database split files (ripe.db.inetnum, inet6num, aut-num, role, organisation; plain or .gz)", Arity = ArgumentArity.OneOrMore };
        var importRipe = new Command("import-ripe", "Import the abuse mailboxes of IP ranges and AS numbers from the RIPE database split files") { files };
        importRipe.SetAction(async (result, cancellationToken) =>
        {
            var paths = result.GetValue(files)!;
            OperatorFiles.Require(paths);
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var outcome = await new RipeImporter(db, runtime.Time).ImportFilesAsync(paths.Select(f => f.FullName), cancellationToken);
            var table = new Table().AddColumn("object").AddColumn("imported");
            foreach (var (name, count) in outcome.Imported.OrderBy(p => p.Key, StringComparer.Ordinal)) table.AddRow(name, count.ToString("N0"));
            AnsiConsole.Write(table);
            Console.WriteLine($"networks with an abuse mailbox: {outcome.NetworksWithAbuseMailbox:N0}, without: {outcome.NetworksWithout:N0}");
            foreach (var problem in outcome.Problems) AnsiConsole.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
            if (outcome.ProblemCount > outcome.Problems.Count) Console.WriteLine($"... {outcome.ProblemCount - outcome.Problems.Count:N0} more problem(s)");
            return outcome.ProblemCount == 0 ? 0 : 1;
        });

        var noRdap = new Option<bool>("--no-rdap") { Description = "Only security.txt; no RDAP abuse contacts" };
        var discover = new Command("discover", "Fetch the security.txt contacts of every registered domain and the RDAP abuse contacts of the AS numbers seen in reports, for the fallback chain") { noRdap };
        discover.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            var (discovery, resources) = await runtime.CreateContactDiscoveryAsync(new Herald.Net.SafeHttpOptions(),
                result.GetValue(noRdap) ? null : new RdapOptions(), cancellationToken);
            using (resources)
            {
                await using var db = runtime.Database.Open();
                var asns = result.GetValue(noRdap) ? new Dictionary<long, System.Net.IPAddress?>() : await SeenAsnsAsync(db, cancellationToken);
                var problems = await discovery.RefreshAsync(db, asns, cancellationToken);
                foreach (var problem in problems) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(problem)}[/]");
                Console.WriteLine($"contacts refreshed; {problems.Count} problem(s)");
            }
            return 0;
        });

        var address = new Argument<string>("address") { Description = "The e-mail address or phone number" };
        var reason = new Option<string>("--reason") { Description = "Why (e.g. the bounce's status line)", Required = true };
        var bounce = new Command("bounce", "Mark a contact as bounced hard: the fallback chain skips it from now on") { address, reason };
        bounce.SetAction(async (result, cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(address))) throw new UserException("name the e-mail address or phone number that bounced");
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            await new ContactBook(db).MarkHardBounceAsync(result.GetValue(address)!, result.GetValue(reason)!, runtime.Time.GetUtcNow(), Environment.UserName, cancellationToken);
            return 0;
        });

        var command = new Command("contacts", "Contacts: discovery (security.txt, RDAP), abuse mailboxes, bounces");
        command.Subcommands.Add(importRipe);
        command.Subcommands.Add(bounce);
        command.Subcommands.Add(discover);
        return command;
    }
}

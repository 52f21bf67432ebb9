using System.CommandLine;
using System.Globalization;
using Herald.Decide.Suppress;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald inhibit add|list|remove</c>: hold back warnings that match a condition, with a reason, an owner and an expiry.</summary>
internal static class InhibitCommand
{
    public static Command Create()
    {
        var command = new Command("inhibit", "Inhibitions: warnings held back by an analyst's decision until a date");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command Add()
    {
        var when = new Option<string>("--when") { Description = "The condition, as a rule's 'when' in YAML, e.g. \"{organisation.kvk: '12345678', classification.identifier: open-rdp}\"", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var expires = new Option<string>("--expires") { Description = "Until when: a date (2026-12-31) or a duration from now (30d)", Required = true };
        var hold = new Option<bool>("--hold") { Description = "Hold matching warnings for review instead of suppressing them" };
        var analyst = AnalystOption.Create();
        var add = new Command("add", "Add an inhibition") { when, reason, expires, hold, analyst };
        add.SetAction(async (result, cancellationToken) =>
        {
            var owner = AnalystOption.Resolve(result, analyst);
            var runtime = HeraldCommands.Runtime(result);
            var now = runtime.Time.GetUtcNow();
            var text = result.GetValue(expires)!;
            DateTimeOffset until;
            if (Decide.Rules.Durations.TryParse(text, out var duration)) until = now + duration;
            else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out until))
                throw new UserException($"--expires '{text}' is neither a date (2026-12-31) nor a duration (30d)");
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var (inhibition, problems) = await new InhibitionRegistry(runtime.Time)
                .AddAsync(db, result.GetValue(when)!, result.GetValue(reason)!, owner, until, result.GetValue(hold), cancellationToken);
            if (inhibition is null) throw RulesCommand.Invalid("the inhibition was not added", problems);
            Console.WriteLine($"inhibition {inhibition.Id} added, until {inhibition.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
            return 0;
        });
        return add;
    }

    private static Command List()
    {
        var all = new Option<bool>("--all") { Description = "Also expired and removed inhibitions" };
        var list = new Command("list", "List inhibitions") { all };
        list.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var table = new Table().AddColumn("id").AddColumn("condition").AddColumn("action").AddColumn("reason").AddColumn("owner").AddColumn("expires").AddColumn("state");
            var now = runtime.Time.GetUtcNow();
            foreach (var i in await InhibitionRegistry.ListAsync(db, result.GetValue(all), now, cancellationToken))
                table.AddRow(i.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(i.Condition), i.Hold ? "hold" : "suppress", Markup.Escape(i.Reason),
                    Markup.Escape(i.Owner), i.ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    i.RemovedAt is not null ? $"removed by {Markup.Escape(i.RemovedBy ?? "?")}" : i.IsActive(now) ? "active" : "expired");
            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("id") { Description = "The inhibition's id" };
        var analyst = AnalystOption.Create();
        var remove = new Command("remove", "End an inhibition now") { id, analyst };
        remove.SetAction(async (result, cancellationToken) =>
        {
            var who = AnalystOption.Resolve(result, analyst);
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            if (!await new InhibitionRegistry(runtime.Time).RemoveAsync(db, result.GetValue(id), who, cancellationToken))
                throw new UserException($"there is no active inhibition {result.GetValue(id)}");
            Console.WriteLine($"inhibition {result.GetValue(id)} removed");
            return 0;
        });
        return remove;
    }
}

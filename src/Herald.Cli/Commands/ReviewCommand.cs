using System.CommandLine;
using System.Globalization;
using Herald.Decide;
using Herald.Decide.Review;
using Herald.Notify;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald review list|approve|reject</c>: the four-eyes queue of held directives.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Also decided items" };
        var list = new Command("list", "List the items waiting for review") { all };
        list.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var table = new Table().AddColumn("id").AddColumn("report").AddColumn("would go").AddColumn("recipient").AddColumn(new TableColumn("directives").RightAligned())
                .AddColumn("held by").AddColumn("reasons (example)").AddColumn("state");
            foreach (var i in await ReviewQueue.ListAsync(db, result.GetValue(all), cancellationToken))
                table.AddRow(i.Id.ToString(CultureInfo.InvariantCulture), i.ReportId.ToString(CultureInfo.InvariantCulture),
                    i.ProposedRoute is { } r ? RouteNames.Name(r) : "-", Markup.Escape(i.RecipientEmail ?? "-"), i.DirectiveCount.ToString("N0", CultureInfo.InvariantCulture),
                    Markup.Escape(i.HeldBy + (i.HeldByAuthor is { } a ? $" ({a})" : "")), Markup.Escape(i.Reasons),
                    i.State == ReviewState.Pending ? "pending" : Markup.Escape($"{i.State.ToString().ToLowerInvariant()} by {i.DecidedBy}: {i.DecisionReason}"));
            AnsiConsole.Write(table);
            return 0;
        });
        var command = new Command("review", "Four-eyes review of held directives");
        command.Subcommands.Add(list);
        command.Subcommands.Add(Decide("approve", true));
        command.Subcommands.Add(Decide("reject", false));
        return command;
    }

    private static Command Decide(string name, bool approve)
    {
        var id = new Argument<long>("id") { Description = "The review item's id (herald review list)" };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var analyst = AnalystOption.Create();
        var command = new Command(name, approve ? "Approve: the held directives go on to notification" : "Reject: the held directives are discarded")
            { id, reason, analyst };
        command.SetAction(async (result, cancellationToken) =>
        {
            var who = AnalystOption.Resolve(result, analyst);
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var outcome = await new ReviewQueue(runtime.Time).DecideAsync(db, result.GetValue(id), approve, who, result.GetValue(reason)!, cancellationToken);
            // Every refusal (no such item, decided already, the rule's own author) is the operator's to put right.
            if (!outcome.Done) throw new UserException($"refused: {outcome.Message}");
            Console.WriteLine(outcome.Message);
            if (!approve) return 0;
            var created = await runtime.Forwards.CreatePendingAsync(db, cancellationToken);
            created += await new NotificationBuilder(runtime.Options.Service, runtime.Composer, runtime.Time).CreatePendingAsync(db, cancellationToken);
            var run = await runtime.Outbox.DeliverDueAsync(cancellationToken);
            Console.WriteLine($"{created} warning(s) created, {run.Delivered} delivered");
            return 0;
        });
        return command;
    }
}

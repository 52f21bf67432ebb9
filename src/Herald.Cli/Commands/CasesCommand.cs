using System.CommandLine;
using Herald.Cases;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald cases list|show|follow-up</c>: cases per recipient, asset and issue, and their reminders and escalations.</summary>
internal static class CasesCommand
{
    public static Command Create()
    {
        var command = new Command("cases", "Cases: one recipient, asset and issue over time");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(FollowUp());
        return command;
    }

    private static Command List()
    {
        var status = new Option<CaseStatus?>("--status") { Description = "Only cases with this status (Open, Reminded, Escalated, Resolved)" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 100 }.AtLeastOne();
        var command = new Command("list", "List cases, newest first") { status, limit };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var query = db.Cases.AsNoTracking();
            if (result.GetValue(status) is { } wanted) query = query.Where(c => c.Status == wanted);
            var cases = await query.OrderByDescending(c => c.Id).Take(result.GetValue(limit)).ToListAsync(cancellationToken);
            var table = new Table().AddColumns("id", "status", "recipient", "asset", "issue", "opened", "last seen", "seen", "clean", "warning");
            foreach (var c in cases)
                table.AddRow(c.Id.ToString(), c.Status.ToString(), Markup.Escape(c.RecipientEmail), Markup.Escape(c.Asset), Markup.Escape(c.Issue),
                    Day(c.OpenedAt), Day(c.LastSeenAt), c.SeenCount.ToString(), c.CleanReports.ToString(), c.Reference);
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("id") { Description = "The case number from 'herald cases list'" };
        var command = new Command("show", "One case with its warnings, reminder and escalation") { id };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == result.GetValue(id), cancellationToken)
                ?? throw new UserException($"there is no case {result.GetValue(id)}");
            var ids = new[] { c.NotificationId, c.ReminderNotificationId, c.EscalationNotificationId }.OfType<long>().ToList();
            var warnings = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
            var table = new Table().Title($"Case {c.Id}").AddColumn("").AddColumn("");
            table.AddRow("status", c.Status.ToString());
            table.AddRow("recipient", Markup.Escape(c.RecipientEmail));
            table.AddRow("asset / issue", Markup.Escape($"{c.Asset} / {c.Issue} ({c.ReportType})"));
            table.AddRow("opened / last seen", $"{Day(c.OpenedAt)} / {Day(c.LastSeenAt)}");
            table.AddRow("seen / clean reports", $"{c.SeenCount} / {c.CleanReports}");
            foreach (var (label, nid) in new[] { ("warning", (long?)c.NotificationId), ("reminder", c.ReminderNotificationId), ("escalation", c.EscalationNotificationId) })
                if (nid is { } n && warnings.TryGetValue(n, out var w))
                    table.AddRow(label, Markup.Escape($"{w.Reference} to {w.RecipientEmail}: {w.Status} {w.FailureReason}"));
            if (c.ResolvedAt is { } resolved) table.AddRow("resolved", Day(resolved));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command FollowUp()
    {
        var command = new Command("follow-up", "Write the reminders and escalations that are due (herald deliver sends them)");
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var (reminders, escalations) = await runtime.FollowUps.CreateDueAsync(db, cancellationToken);
            AnsiConsole.MarkupLine($"{reminders:N0} reminder(s), {escalations:N0} escalation(s) written");
            return 0;
        });
        return command;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd");
}

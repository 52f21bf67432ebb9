using System.CommandLine;
using Herald.Contacts;
using Herald.Notify;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald calls list|record</c>: the phone calls analysts make when a phone number is the only contact.</summary>
internal static class CallsCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Also list calls that are done" };
        var scripts = new Option<bool>("--script") { Description = "Print the call script (Dutch and English) of every listed call" };
        var list = new Command("list", "The calls to make, with number, recipient and issue") { all, scripts };
        list.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var tasks = (await db.CallTasks.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken))
                .Where(t => result.GetValue(all) || t.IsOpen).ToList();
            var table = new Table().AddColumn("id").AddColumn("phone").AddColumn("recipient").AddColumn("issue").AddColumn("assets").AddColumn("outcome");
            foreach (var t in tasks)
                table.AddRow(t.Id.ToString(), Markup.Escape(t.Phone), Markup.Escape(t.RecipientName ?? ""), Markup.Escape(t.Template),
                    t.AssetCount.ToString(), Markup.Escape(t.Outcome is { } o ? $"{o} ({t.Attempts}x) {t.Note}" : "to call"));
            AnsiConsole.Write(table);
            if (result.GetValue(scripts))
                foreach (var t in tasks) Console.WriteLine($"\n# call {t.Id}: {t.Phone}\n\n{t.ScriptNl}\n\n{t.ScriptEn}");
            return 0;
        });

        var id = new Argument<long>("id") { Description = "The call's id (herald calls list)" };
        var outcome = new Option<CallOutcome>("--outcome") { Description = "reached, no-answer, voicemail, wrong-number, refused, call-back-later", Required = true, CustomParser = ParseOutcome };
        var note = new Option<string?>("--note") { Description = "What was said or agreed" };
        var by = new Option<string>("--by") { Description = "Who called (for the audit log)", DefaultValueFactory = _ => Environment.UserName };
        var record = new Command("record", "Record how a call went (audited; a wrong number is skipped from then on)") { id, outcome, note, by };
        record.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var calls = new CallTasks(runtime.Options.Service, runtime.Composer, runtime.Time);
            if (!await calls.RecordAsync(db, result.GetValue(id), result.GetValue(outcome), result.GetValue(note), result.GetValue(by)!, cancellationToken))
                throw new UserException($"there is no call {result.GetValue(id)}");
            return 0;
        });

        var command = new Command("calls", "Phone calls to make instead of e-mails");
        command.Subcommands.Add(list);
        command.Subcommands.Add(record);
        return command;
    }

    private static CallOutcome ParseOutcome(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Enum.TryParse<CallOutcome>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value)) return value;
        result.AddError($"'{text}' is not an outcome: use reached, no-answer, voicemail, wrong-number, refused or call-back-later");
        return default;
    }
}

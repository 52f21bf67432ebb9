using System.CommandLine;
using Herald.Deliver;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald deliver [--once]</c>: sends what the outbox holds, through the SMTP relay when one is configured.</summary>
internal static class DeliverCommand
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Send what is due now and stop, instead of running until Ctrl+C" };
        var command = new Command("deliver", "Send pending warnings (the Delivery:Smtp relay, else the pickup folder), with retries; write due reminders; read bounces and replies (Mailbox)") { once };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            runtime.RequireSendable();
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            Console.WriteLine($"Delivering through {Describe(runtime)}, signed with {runtime.SigningSummary}");
            try
            {
                do
                {
                    await using (var db = runtime.Database.Open())
                    {
                        var (reminders, escalations) = await runtime.FollowUps.CreateDueAsync(db, cancellationToken);
                        if (reminders + escalations > 0) AnsiConsole.MarkupLine($"{reminders:N0} reminder(s), {escalations:N0} escalation(s) written");
                    }
                    var run = await runtime.Outbox.DeliverDueAsync(cancellationToken);
                    if (run.Tried > 0 || result.GetValue(once))
                        AnsiConsole.MarkupLine($"{run.Delivered:N0} delivered, {run.Retrying:N0} to try again later, {run.Failed:N0} failed");
                    if (runtime.Mailbox is { } mailbox && await mailbox.ReadAsync(cancellationToken) is var read and > 0)
                        AnsiConsole.MarkupLine($"{read:N0} bounce(s) and replies read from the mailbox");
                    if (result.GetValue(once)) return 0;
                    await Task.Delay(Interval, runtime.Time, cancellationToken);
                }
                while (true);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        });
        return command;
    }

    public static string Describe(HeraldRuntime runtime) => runtime.Options.Delivery.Smtp is { } smtp
        ? $"SMTP relay {smtp.Host}:{smtp.Port} ({smtp.Security})"
        : $"pickup folder {runtime.Options.PickupDirectory}";
}

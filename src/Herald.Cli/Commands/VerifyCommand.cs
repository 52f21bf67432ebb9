using System.CommandLine;
using System.Globalization;
using Herald.Notify;

namespace Herald.Cli.Commands;

/// <summary><c>herald verify &lt;reference&gt; &lt;code&gt;</c>: is a warning someone quotes on the phone genuine?</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("reference") { Description = "The warning's reference, e.g. HRLD-2026-000123" };
        var code = new Argument<string>("code") { Description = "The verification code in the warning" };
        var command = new Command("verify", "Say whether a reference and verification code belong to a warning Herald sent") { reference, code };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runtime = HeraldCommands.Runtime(result);
            await HeraldCommands.InitialiseAsync(runtime, cancellationToken);
            await using var db = runtime.Database.Open();
            var answer = await WarningVerifier.VerifyAsync(db, result.GetValue(reference), result.GetValue(code), cancellationToken);
            Console.WriteLine(answer.Genuine
                ? $"genuine: sent on {answer.SentOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to an address at {answer.RecipientDomain}"
                : "NOT genuine: no warning was sent with this reference and code");
            return answer.Genuine ? 0 : 1;
        });
        return command;
    }
}

using Herald.Cli;
using Herald.Storage;
using Herald.Tests.Deliver;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Settings;

/// <summary>Warnings leave through a relay signed, or not at all unless the settings say unsigned is meant.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SigningByDefaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private static Task<(int Code, string Output, string Error)> HeraldAsync(params string[] args) => CliRun.RunAsync(args);

    private async Task<Notification> PendingWarningAsync()
    {
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        await runtime.InitialiseAsync(CancellationToken.None);
        return await Warnings.AddAsync(runtime.Database, "security@bakkerij-jansen.example", TimeProvider.System.GetUtcNow());
    }

    [Fact]
    public async Task Deliver_refuses_a_relay_without_a_DKIM_key_and_claims_nothing()
    {
        await using var smtp = SmtpTestServer.Start();
        await PendingWarningAsync();

        var (code, _, error) = await HeraldAsync("deliver", "--once", "--data", Data,
            "--set", "Delivery:Smtp:Host=127.0.0.1", "--set", $"Delivery:Smtp:Port={smtp.Port}", "--set", "Delivery:Smtp:Security=None");

        Assert.Equal(HeraldCli.Mistake, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("warnings are not sent through the SMTP relay 127.0.0.1 without a DKIM signature", error, StringComparison.Ordinal);
        Assert.Contains("Delivery:AllowUnsigned", error, StringComparison.Ordinal);
        Assert.Empty(smtp.ReceivedFiles());
        await using var db = new HeraldRuntime(new HeraldOptions { DataDirectory = Data }).Database.Open();
        var warning = await db.Notifications.AsNoTracking().SingleAsync();
        Assert.Equal((DeliveryStatus.Pending, 0, null), (warning.Status, warning.Attempts, warning.LeaseOwner));
    }

    [Fact]
    public async Task Deliver_says_which_signing_is_in_force_and_sends_unsigned_only_when_the_settings_allow_it()
    {
        await using var smtp = SmtpTestServer.Start();
        await PendingWarningAsync();

        var (code, output, error) = await HeraldAsync("deliver", "--once", "--data", Data,
            "--set", "Delivery:Smtp:Host=127.0.0.1", "--set", $"Delivery:Smtp:Port={smtp.Port}", "--set", "Delivery:Smtp:Security=None",
            "--set", "Delivery:AllowUnsigned=true");

        Assert.True(code == 0, error);
        Assert.Contains("no DKIM (Delivery:AllowUnsigned is set: warnings go out unsigned)", output, StringComparison.Ordinal);
        Assert.Single(smtp.ReceivedFiles());
    }

    [Fact]
    public async Task With_a_DKIM_key_deliver_names_the_algorithm_domain_and_selector()
    {
        await PendingWarningAsync();
        Assert.Equal(0, (await HeraldAsync("keys", "dkim-generate", "--algorithm", "ed25519", "--data", Data)).Code);

        var (code, output, _) = await HeraldAsync("deliver", "--once", "--data", Data, "--set", "Signing:Dkim:Selector=mei2026");

        Assert.Equal(0, code);
        Assert.Contains("signed with DKIM ed25519-sha256 (d=herald.example, s=mei2026)", output, StringComparison.Ordinal);
    }
}

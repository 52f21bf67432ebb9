using System.Net;
using Herald.Cases;
using Herald.Tests.Cases;
using Herald.Tests.Deliver;
using Herald.Tests.Support;

namespace Herald.Tests.Web;

/// <summary>An analyst sees on a warning's page how it was delivered and what came back.</summary>
public sealed class WarningRepliesWebTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_reply_and_a_bounce_show_on_the_warning_page()
    {
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Path.Combine(_dir.Path, "data") });
        await runtime.InitialiseAsync(CancellationToken.None);
        var now = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var warning = await Warnings.AddAsync(runtime.Database, "security@bakkerij-jansen.example", now);
        await runtime.Outbox.DeliverDueAsync(CancellationToken.None);
        var sent = MimeKit.MimeMessage.Load(Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Single());
        var handler = new InboundMailHandler(runtime.Database, Warnings.Service, new TestTime(now));
        await handler.HandleAsync(Bounces.Reply(sent, "piet@bakkerij-jansen.example", "Poort <3389> is dicht."), CancellationToken.None);
        await handler.HandleAsync(Bounces.For(sent, "security@bakkerij-jansen.example", "4.2.2"), CancellationToken.None);
        await using var web = await RunningWeb.StartAsync(runtime);

        var html = await web.Client.GetStringAsync($"/warnings/{warning.Reference}");

        Assert.Contains("Poort &lt;3389&gt; is dicht.", html, StringComparison.Ordinal);
        Assert.Contains("piet@bakkerij-jansen.example", html, StringComparison.Ordinal);
        Assert.Contains("SoftBounce", html, StringComparison.Ordinal);
        Assert.Contains("pickup-folder", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }
}

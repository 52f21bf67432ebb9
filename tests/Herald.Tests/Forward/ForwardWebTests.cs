using System.Net;
using Herald.Storage;
using Herald.Tests.Support;

namespace Herald.Tests.Forward;

/// <summary>Analysts find a forward where warnings are: in the list with its route, and on its page with format and channel.</summary>
public sealed class ForwardWebTests
{
    [Fact]
    public async Task A_forward_is_listed_with_its_route_and_its_page_names_format_channel_and_delivery()
    {
        await using var fixture = await ForwardFixture.CreateAsync();
        var partner = await fixture.AddPartnerAsync("z-cert", PartnerChannel.Email, ForwardFormat.Csv);
        var member = await fixture.AddOrganisationAsync("10000002", "Zorggroep Oost", "z-cert");
        await fixture.AddCasesAsync(partner, member, ForwardFixture.ThreeCases());
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = fixture.Directory }, fixture.Time);
        await runtime.InitialiseAsync(CancellationToken.None);
        await using (var db = runtime.Database.Open()) Assert.Equal(1, await runtime.Forwards.CreatePendingAsync(db, CancellationToken.None));
        Assert.Equal(1, (await runtime.Outbox.DeliverDueAsync(CancellationToken.None)).Delivered);
        var forward = Assert.Single(await fixture.NotificationsAsync());
        await using var web = await RunningWeb.StartAsync(runtime);

        var list = WebUtility.HtmlDecode(await web.Client.GetStringAsync("/warnings"));
        var page = WebUtility.HtmlDecode(await web.Client.GetStringAsync($"/warnings/{forward.Reference}"));

        Assert.Contains(forward.Reference, list, StringComparison.Ordinal);
        Assert.Contains("<td class=\"route\">Partner</td>", list, StringComparison.Ordinal);
        Assert.Contains($"CSV by e-mail ({forward.Reference}-cases.csv)", page, StringComparison.Ordinal);
        Assert.Contains("member of z-cert", page, StringComparison.Ordinal);
        Assert.Contains("pickup-folder", page, StringComparison.Ordinal);
        Assert.Contains("Delivered", page, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Herald.Cli.Commands;
using Herald.Tests.Registry;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Web;

/// <summary>What the README's first command shows: the demo's warnings on the real web application.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class DemoWebTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private HeraldRuntime NewRuntime() => new(new HeraldOptions
    {
        DataDirectory = Path.Combine(_dir.Path, "data"),
        SchemaPath = RegistryTestPaths.SchemaPath,
    }, TimeProvider.System, RegistryTestPaths.RoutingExists ? RegistryTestPaths.Routing : null);

    [Fact]
    public async Task The_warnings_page_lists_every_demo_warning_with_recipient_route_reference_and_text()
    {
        var runtime = NewRuntime();
        var summary = await DemoCommand.RunAsync(runtime, organisations: 60, rows: 150, seed: 3, CancellationToken.None);
        Assert.True(summary.WarningsWritten > 0);

        await using var web = await RunningWeb.StartAsync(runtime);
        var page = await web.Client.GetStringAsync("/warnings");

        await using var db = runtime.Database.Open();
        var warnings = await db.Notifications.AsNoTracking().ToListAsync();
        Assert.Equal(summary.WarningsWritten, warnings.Count);
        var rows = RowPattern().Matches(page);
        Assert.Equal(warnings.Count, rows.Count);
        foreach (var w in warnings)
        {
            var row = rows.Single(r => r.Value.Contains($">{w.Reference}<", StringComparison.Ordinal)).Value;
            Assert.Contains(WebUtility.HtmlEncode(w.RecipientEmail), row, StringComparison.Ordinal);
            Assert.Contains($">{w.Route}<", row, StringComparison.Ordinal);
        }

        // A warning, not a partner's forward (whose text is a short cover note beside the attached cases).
        var first = warnings.First(w => w.PartnerCode is null);
        var detail = WebUtility.HtmlDecode(await web.Client.GetStringAsync($"/warnings/{first.Reference}"));
        Assert.Contains("Wat hebben we gezien?", detail, StringComparison.Ordinal);
        Assert.Contains("What did we see?", detail, StringComparison.Ordinal);
        Assert.Contains(first.Reference, detail, StringComparison.Ordinal);
        Assert.Contains(first.RecipientEmail, detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync("/warnings/HRLD-1999-000001")).StatusCode);
    }

    [Fact]
    public async Task Running_the_demo_twice_sends_nothing_new()
    {
        var runtime = NewRuntime();
        var first = await DemoCommand.RunAsync(runtime, organisations: 40, rows: 80, seed: 5, CancellationToken.None);
        var second = await DemoCommand.RunAsync(runtime, organisations: 40, rows: 80, seed: 5, CancellationToken.None);

        Assert.False(first.AlreadyProcessed);
        Assert.True(second.AlreadyProcessed);
        Assert.Equal(0, second.WarningsWritten);
        Assert.Equal(first.WarningsWritten, Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml").Length);
    }

    [GeneratedRegex("<tr>\\s*<td><a href=\"/warnings/[^\"]+\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}

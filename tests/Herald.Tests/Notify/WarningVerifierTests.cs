using System.Net;
using System.Text.RegularExpressions;
using Herald.Decide;
using Herald.Notify;
using Herald.Storage;
using Herald.Tests.Support;

namespace Herald.Tests.Notify;

public sealed partial class WarningVerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Notification Warning(string reference, string code, DateTimeOffset? deliveredAt) => new()
    {
        Reference = reference,
        VerificationCode = code,
        Route = Route.Direct,
        RecipientEmail = "Security@Bakkerij-Jansen.example",
        Subject = "s",
        BodyText = "t",
        MessageId = reference.ToLowerInvariant() + "@herald.example",
        CreatedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
        DeliveredAt = deliveredAt,
        Status = deliveredAt is null ? DeliveryStatus.Pending : DeliveryStatus.Delivered,
    };

    private async Task<HeraldRuntime> RuntimeWithWarningsAsync()
    {
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Path.Combine(_dir.Path, "data") });
        await runtime.InitialiseAsync(CancellationToken.None);
        await using var db = runtime.Database.Open();
        db.Notifications.AddRange(
            Warning("HRLD-2026-000001", "K7PQ2MXA", new DateTimeOffset(2026, 11, 2, 23, 30, 0, TimeSpan.Zero)),
            Warning("HRLD-2026-000002", "ZZZZ2345", null));
        await db.SaveChangesAsync();
        return runtime;
    }

    [Fact]
    public async Task The_right_code_is_genuine_with_the_date_sent_and_the_recipient_s_domain_only()
    {
        var runtime = await RuntimeWithWarningsAsync();
        await using var db = runtime.Database.Open();
        Assert.Equal(new VerificationResult(true, new DateOnly(2026, 11, 2), "bakkerij-jansen.example"),
            await WarningVerifier.VerifyAsync(db, "HRLD-2026-000001", "K7PQ2MXA", CancellationToken.None));
        Assert.True((await WarningVerifier.VerifyAsync(db, " hrld-2026-000001 ", "k7pq 2mxa", CancellationToken.None)).Genuine);
    }

    [Theory]
    [InlineData("HRLD-2026-000001", "K7PQ2MXB")]
    [InlineData("HRLD-2026-000001", "K7PQ2MX")]
    [InlineData("HRLD-2026-000001", "")]
    [InlineData("HRLD-2026-000009", "K7PQ2MXA")]
    [InlineData("HRLD-2026-000002", "ZZZZ2345")]
    [InlineData("", "K7PQ2MXA")]
    public async Task A_wrong_code_an_unknown_reference_or_a_warning_never_sent_is_not_genuine(string reference, string code)
    {
        var runtime = await RuntimeWithWarningsAsync();
        await using var db = runtime.Database.Open();
        Assert.Equal(VerificationResult.NotGenuine, await WarningVerifier.VerifyAsync(db, reference, code, CancellationToken.None));
    }

    [Fact]
    public async Task The_public_verify_page_answers_and_limits_how_often_one_address_may_ask()
    {
        var runtime = await RuntimeWithWarningsAsync();
        await using var web = await RunningWeb.StartAsync(runtime);

        Assert.Contains("Echt / Genuine", await AskAsync(web.Client, "HRLD-2026-000001", "K7PQ2MXA"), StringComparison.Ordinal);
        Assert.Contains("bakkerij-jansen.example", await AskAsync(web.Client, "HRLD-2026-000001", "K7PQ2MXA"), StringComparison.Ordinal);
        Assert.Contains("Niet echt / Not genuine", await AskAsync(web.Client, "HRLD-2026-000001", "AAAAAAAA"), StringComparison.Ordinal);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) statuses.Add((await PostAsync(web.Client, "HRLD-2026-000001", "AAAAAAAA")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private static async Task<string> AskAsync(HttpClient client, string reference, string code)
    {
        var response = await PostAsync(client, reference, code);
        response.EnsureSuccessStatusCode();
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string reference, string code)
    {
        var form = await client.GetStringAsync("/verify");
        var token = TokenPattern().Match(form).Groups[1].Value;
        return await client.PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reference"] = reference,
            ["Code"] = code,
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

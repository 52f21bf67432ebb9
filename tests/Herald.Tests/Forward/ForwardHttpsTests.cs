using System.Collections.Concurrent;
using System.Text;
using Herald.Deliver;
using Herald.Events;
using Herald.Forward;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Forward;

/// <summary>Forwards posted to a partner's real HTTPS server on loopback.</summary>
public sealed class ForwardHttpsTests
{
    private sealed record Posted(string? ContentType, string IdempotencyKey, string Authorization, byte[] Body);

    /// <summary>A partner's intake: records every POST and answers with the next queued status (200 when none is left).</summary>
    private sealed class Intake : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(int Status, string Body)> _answers = new();
        private LoopbackHttpsServer _server = null!;

        public ConcurrentQueue<Posted> Requests { get; } = new();

        public string Endpoint => new Uri(_server.BaseAddress, "intake").AbsoluteUri;

        public static async Task<Intake> StartAsync(params (int Status, string Body)[] answers)
        {
            var intake = new Intake();
            foreach (var answer in answers) intake._answers.Enqueue(answer);
            intake._server = await LoopbackHttpsServer.StartAsync(app => app.MapPost("/intake", (RequestDelegate)intake.HandleAsync));
            return intake;
        }

        private async Task HandleAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Requests.Enqueue(new Posted(context.Request.ContentType, context.Request.Headers["Idempotency-Key"].ToString(),
                context.Request.Headers.Authorization.ToString(), body.ToArray()));
            var (status, text) = _answers.TryDequeue(out var next) ? next : (200, "ok");
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(text);
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    private static async Task<(ForwardFixture Fixture, Notification Forward)> PrepareAsync(Intake intake, ForwardFormat format = ForwardFormat.IntelMqJson)
    {
        var fixture = await ForwardFixture.CreateAsync();
        var partner = await fixture.AddPartnerAsync("z-cert", PartnerChannel.HttpsPost, format, intake.Endpoint);
        var member = await fixture.AddOrganisationAsync("10000002", "Zorggroep Oost", "z-cert");
        await fixture.AddCasesAsync(partner, member, ForwardFixture.ThreeCases());
        Assert.Equal(1, await fixture.CreateForwardsAsync());
        return (fixture, Assert.Single(await fixture.NotificationsAsync()));
    }

    private static async Task<List<DeliveryAttempt>> AttemptsAsync(ForwardFixture fixture)
    {
        await using var db = fixture.Database.Open();
        return await db.DeliveryAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task A_forward_is_posted_with_its_media_type_idempotency_key_and_bearer_token_and_delivered_on_2xx()
    {
        await using var intake = await Intake.StartAsync((202, "accepted"));
        var (fixture, forward) = await PrepareAsync(intake);
        await using var owned = fixture;
        var tokens = new BearerTokens(new Dictionary<string, string> { ["z-cert"] = "tok-3f9a7c" });

        var run = await fixture.Outbox(new PickupFolderChannel(Path.Combine(fixture.Directory, "pickup")), tokens: tokens)
            .DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, run.Delivered);
        var posted = Assert.Single(intake.Requests);
        Assert.Equal("application/x-ndjson", posted.ContentType);
        Assert.Equal(forward.Reference, posted.IdempotencyKey);
        Assert.Equal("Bearer tok-3f9a7c", posted.Authorization);
        var lines = Encoding.UTF8.GetString(posted.Body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["192.0.2.17", "192.0.2.18", "192.0.2.19"], lines.Select(l => IntelMqJson.Read(l, out _)!.SourceIp!.ToString()));
        var attempt = Assert.Single(await AttemptsAsync(fixture));
        Assert.Equal(HttpsForwardChannel.Name, attempt.Channel);
        Assert.Equal(202, attempt.ReplyCode);
        Assert.True(attempt.Succeeded);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await fixture.NotificationsAsync()).Status);
        // Nothing went to the mail channel, and the token is in no record.
        Assert.False(Directory.Exists(Path.Combine(fixture.Directory, "pickup")));
        await using var db = fixture.Database.Open();
        Assert.DoesNotContain(await db.Audit.Select(a => a.Detail ?? "").ToListAsync(), d => d.Contains("tok-3f9a7c", StringComparison.Ordinal));
        Assert.DoesNotContain("tok-3f9a7c", tokens.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_is_retried_after_the_back_off_with_the_same_document_and_idempotency_key()
    {
        await using var intake = await Intake.StartAsync((503, "maintenance"));
        var (fixture, forward) = await PrepareAsync(intake, ForwardFormat.Csv);
        await using var owned = fixture;
        var outbox = fixture.Outbox(new PickupFolderChannel(Path.Combine(fixture.Directory, "pickup")));

        var first = await outbox.DeliverDueAsync(CancellationToken.None);
        Assert.Equal((0, 1, 0), (first.Delivered, first.Retrying, first.Failed));
        var waiting = Assert.Single(await fixture.NotificationsAsync());
        Assert.Equal(DeliveryStatus.Pending, waiting.Status);
        Assert.NotNull(waiting.NextAttemptAt);
        // Not before the back-off has passed.
        Assert.Equal(0, (await outbox.DeliverDueAsync(CancellationToken.None)).Tried);

        fixture.Time.Now = waiting.NextAttemptAt!.Value;
        Assert.Equal(1, (await outbox.DeliverDueAsync(CancellationToken.None)).Delivered);

        var posts = intake.Requests.ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(forward.Reference, p.IdempotencyKey));
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal("text/csv; charset=utf-8; header=present", posts[0].ContentType);
        var attempts = await AttemptsAsync(fixture);
        Assert.Equal([503, 200], attempts.Select(a => a.ReplyCode));
        Assert.Contains("maintenance", attempts[0].Detail, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await fixture.NotificationsAsync()).Status);
    }

    [Fact]
    public async Task A_400_fails_at_once_with_the_partners_answer()
    {
        await using var intake = await Intake.StartAsync((400, "unknown event format"));
        var (fixture, _) = await PrepareAsync(intake);
        await using var owned = fixture;

        var run = await fixture.Outbox(new PickupFolderChannel(Path.Combine(fixture.Directory, "pickup"))).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, run.Failed);
        Assert.Single(intake.Requests);
        var failed = Assert.Single(await fixture.NotificationsAsync());
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("HTTP 400", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("unknown event format", failed.FailureReason, StringComparison.Ordinal);
        fixture.Time.Now += TimeSpan.FromDays(1);
        Assert.Equal(0, (await fixture.Outbox(new PickupFolderChannel(fixture.Directory)).DeliverDueAsync(CancellationToken.None)).Tried);
    }

    [Fact]
    public async Task An_endpoint_on_a_loopback_or_private_address_is_refused_and_nothing_is_posted()
    {
        await using var intake = await Intake.StartAsync();
        var (fixture, _) = await PrepareAsync(intake);
        await using var owned = fixture;
        var other = await fixture.AddPartnerAsync("ibd", PartnerChannel.HttpsPost, ForwardFormat.Csv, "https://10.20.30.40/intake");
        await fixture.AddCasesAsync(other, null, ForwardFixture.Case("198.51.100.7", 445, "vulnerable", "vulnerable-system", "open-smb", "Accessible-SMB"));
        Assert.Equal(1, await fixture.CreateForwardsAsync());
        // Production limits: public addresses only (the test authority is trusted so that only the address can refuse).
        var http = new Herald.Net.SafeHttpOptions { ExtraTrustRoot = TestCertificates.Authority, Timeout = TimeSpan.FromSeconds(30) };

        var run = await fixture.Outbox(new PickupFolderChannel(Path.Combine(fixture.Directory, "pickup")), http).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, run.Failed);
        Assert.Empty(intake.Requests);
        var reasons = (await fixture.NotificationsAsync()).Select(n => n.FailureReason!).ToList();
        Assert.Contains("refused: 127.0.0.1", reasons[0], StringComparison.Ordinal);
        Assert.Contains("refused: 10.20.30.40", reasons[1], StringComparison.Ordinal);
    }
}

using Herald.Collect;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Collect;

/// <summary>The scheduled HTTPS pull against a loopback server that honours ETag and If-Modified-Since.</summary>
public sealed class HttpsPullCollectorTests
{
    /// <summary>Serves one report with an ETag and a Last-Modified, and answers 304 to a client that has it.</summary>
    private sealed class Feed
    {
        public byte[] Content { get; set; } = CollectTestbed.Report("192.0.2.1");
        public string ETag { get; set; } = "\"v1\"";
        public DateTimeOffset LastModified { get; set; } = new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);
        public bool SendETag { get; init; } = true;
        public List<int> Answers { get; } = [];

        public void Map(WebApplication app) => app.MapGet("/feeds/latest.csv", async context =>
        {
            var notModified = SendETag
                ? context.Request.Headers.IfNoneMatch == ETag
                : DateTimeOffset.TryParse(context.Request.Headers.IfModifiedSince, out var since) && since >= LastModified;
            if (SendETag) context.Response.Headers.ETag = ETag;
            context.Response.Headers.LastModified = LastModified.ToString("R");
            context.Response.StatusCode = notModified ? 304 : 200;
            lock (Answers) Answers.Add(context.Response.StatusCode);
            if (!notModified)
            {
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"{CollectTestbed.ReportName}\"";
                await context.Response.Body.WriteAsync(Content);
            }
        });
    }

    private static Task<CollectorOutcome> RunAsync(CollectTestbed bed, LoopbackHttpsServer server) =>
        new CollectorRunner(bed.Runtime.Database, bed.Time).RunAsync(bed.Factory(server.CreateClient()).Create(
            new CollectorDefinition("partner-feed", CollectorKind.Https, "partner", TimeSpan.FromHours(1),
                new HttpsSettings(new Uri(server.BaseAddress, "feeds/latest.csv"), null))), CancellationToken.None);

    [Fact]
    public async Task An_unchanged_URL_answers_304_with_the_stored_ETag_and_nothing_new_is_taken()
    {
        var feed = new Feed();
        await using var server = await LoopbackHttpsServer.StartAsync(feed.Map);
        await using var bed = await CollectTestbed.StartAsync();

        var first = await RunAsync(bed, server);
        var second = await RunAsync(bed, server);
        feed.Content = CollectTestbed.Report("192.0.2.1", "192.0.2.2");
        feed.ETag = "\"v2\"";
        var third = await RunAsync(bed, server);

        Assert.Equal([200, 304, 200], feed.Answers);
        Assert.Equal(1, first.Run!.Succeeded);
        Assert.Empty(second.Run!.Deliveries);
        Assert.Equal(1, third.Run!.Succeeded);
        await using var db = bed.Db();
        Assert.Equal(2, await db.Reports.CountAsync(r => r.SourceName == "partner" && r.FileName == CollectTestbed.ReportName));
        Assert.Equal("\"v2\"", (await db.CollectorStates.SingleAsync()).ETag);
    }

    [Fact]
    public async Task Without_an_ETag_the_Last_Modified_time_is_sent_back_as_If_Modified_Since()
    {
        var feed = new Feed { SendETag = false };
        await using var server = await LoopbackHttpsServer.StartAsync(feed.Map);
        await using var bed = await CollectTestbed.StartAsync();

        await RunAsync(bed, server);
        await RunAsync(bed, server);

        Assert.Equal([200, 304], feed.Answers);
    }

    [Fact]
    public async Task A_download_larger_than_the_limit_is_refused_and_the_validators_are_not_kept()
    {
        var feed = new Feed { Content = CollectTestbed.Report([.. Enumerable.Range(1, 200).Select(i => $"192.0.2.{i}")]) };
        await using var server = await LoopbackHttpsServer.StartAsync(feed.Map);
        await using var bed = await CollectTestbed.StartAsync(new ArchiveLimits { MaxDownloadBytes = 1000 });

        var outcome = await RunAsync(bed, server);

        Assert.Contains("max-download-bytes", outcome.Error, StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.Null((await db.CollectorStates.SingleAsync()).ETag);
    }
}

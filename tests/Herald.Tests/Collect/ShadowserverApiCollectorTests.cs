using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Herald.Collect;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Collect;

/// <summary>The reports API collector against a loopback server that follows Shadowserver's protocol and checks every signature.</summary>
public sealed class ShadowserverApiCollectorTests
{
    private const string ApiKey = "test-api-key-0123";
    private const string Secret = "test-secret-4567-do-not-log";

    /// <summary>A reports API on loopback: reports/list and reports/download, POST with a JSON body signed in HMAC2.</summary>
    private sealed class FakeShadowserver
    {
        public Dictionary<string, (string File, string Type, byte[] Content)> Reports { get; } = [];
        public ConcurrentDictionary<string, int> Downloads { get; } = new();
        public List<JsonObject> ListRequests { get; } = [];

        public void Map(WebApplication app)
        {
            app.MapPost("/api2/reports/list", async context =>
            {
                if (await VerifiedAsync(context) is not { } request) return;
                lock (ListRequests) ListRequests.Add(request);
                var list = new JsonArray([.. Reports.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = r.Key, ["report"] = "netherlands", ["type"] = r.Value.Type, ["timestamp"] = "2026-11-01", ["file"] = r.Value.File,
                    ["url"] = "https://dl.shadowserver.example/" + r.Key,
                })]);
                await context.Response.WriteAsync(list.ToJsonString());
            });
            app.MapPost("/api2/reports/download", async context =>
            {
                if (await VerifiedAsync(context) is not { } request) return;
                var id = request["id"]?.ToString() ?? "";
                if (!Reports.TryGetValue(id, out var report))
                {
                    context.Response.StatusCode = 404;
                    return;
                }
                Downloads.AddOrUpdate(id, 1, (_, n) => n + 1);
                await context.Response.Body.WriteAsync(report.Content);
            });
        }

        private static async Task<JsonObject?> VerifiedAsync(HttpContext context)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
            var request = JsonNode.Parse(body) as JsonObject;
            if (context.Request.Headers["HMAC2"] != expected || request?["apikey"]?.ToString() != ApiKey)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("{\"error\":\"authentication failed\"}");
                return null;
            }
            return request;
        }
    }

    private static SecretReference Env(string value)
    {
        var variable = "HERALD_TEST_SS_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        return new SecretReference(variable, null);
    }

    private static CollectorDefinition Api(LoopbackHttpsServer server, string secret = Secret, params string[] types) =>
        new("shadowserver-api", CollectorKind.ShadowserverApi, "shadowserver", TimeSpan.FromHours(1),
            new ShadowserverApiSettings(new Uri(server.BaseAddress, "api2/"), Env(ApiKey), Env(secret), ["netherlands"], types, 2));

    private static Task<CollectorOutcome> RunAsync(CollectTestbed bed, LoopbackHttpsServer server, CollectorDefinition definition) =>
        new CollectorRunner(bed.Runtime.Database, bed.Time).RunAsync(bed.Factory(server.CreateClient()).Create(definition), CancellationToken.None);

    [Fact]
    public async Task New_reports_are_listed_downloaded_and_processed_once_and_known_content_is_recognised_by_hash()
    {
        var shadowserver = new FakeShadowserver();
        var csv = CollectTestbed.Report("192.0.2.1", "192.0.2.2");
        shadowserver.Reports["1001"] = ("2026-11-01-scan_http_vulnerable-nl-geo.csv", "scan_http_vulnerable", csv);
        shadowserver.Reports["1002"] = ("2026-11-01-scan_http_vulnerable-nl-geo.csv.gz", "scan_http_vulnerable", CollectTestbed.Gzip(csv));
        await using var server = await LoopbackHttpsServer.StartAsync(shadowserver.Map);
        await using var bed = await CollectTestbed.StartAsync();

        var first = await RunAsync(bed, server, Api(server));
        var second = await RunAsync(bed, server, Api(server));

        Assert.Null(first.Error);
        Assert.Equal([IntakeStatus.Processed, IntakeStatus.Duplicate], first.Run!.Deliveries.Select(d => Assert.Single(d.Items).Status));
        Assert.Empty(second.Run!.Deliveries);
        Assert.Equal(1, shadowserver.Downloads["1001"]);
        Assert.Equal(1, shadowserver.Downloads["1002"]);
        var list = shadowserver.ListRequests[0];
        Assert.Equal("2026-10-31:2026-11-03", list["date"]?.ToString());
        Assert.Equal("netherlands", list["report"]?[0]?.ToString());
        await using var db = bed.Db();
        Assert.Equal(1, await db.Reports.CountAsync());
        Assert.Equal(2, await db.Events.CountAsync());
        Assert.Equal(["1001", "1002"], await db.CollectedItems.OrderBy(i => i.ExternalId).Select(i => i.ExternalId).ToListAsync());
    }

    [Fact]
    public async Task Only_the_configured_report_types_are_fetched()
    {
        var shadowserver = new FakeShadowserver();
        shadowserver.Reports["1"] = ("2026-11-01-scan_http_vulnerable-nl-geo.csv", "scan_http_vulnerable", CollectTestbed.Report("192.0.2.1"));
        shadowserver.Reports["2"] = ("2026-11-01-scan_rdp-nl-geo.csv", "scan_rdp", "x"u8.ToArray());
        await using var server = await LoopbackHttpsServer.StartAsync(shadowserver.Map);
        await using var bed = await CollectTestbed.StartAsync();

        await RunAsync(bed, server, Api(server, Secret, "scan_http_vulnerable"));

        Assert.Equal(["1"], shadowserver.Downloads.Keys);
    }

    [Fact]
    public async Task A_refused_signature_is_recorded_without_the_secret()
    {
        var shadowserver = new FakeShadowserver();
        await using var server = await LoopbackHttpsServer.StartAsync(shadowserver.Map);
        await using var bed = await CollectTestbed.StartAsync();

        var outcome = await RunAsync(bed, server, Api(server, "not-the-secret"));

        Assert.Contains("401", outcome.Error, StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.Equal(outcome.Error, (await db.CollectorStates.SingleAsync()).LastError);
        Assert.Equal("collect.failed", (await db.Audit.SingleAsync()).Action);
    }

    [Fact]
    public void Secrets_are_removed_from_a_reason_before_it_is_logged_or_recorded()
    {
        var settings = new ShadowserverApiSettings(new Uri("https://api.example/"), Env(ApiKey), Env(Secret), [], [], 2);

        var redacted = CollectorRunner.Redact($"the server said: bad key {ApiKey} for secret {Secret}", settings);

        Assert.Equal("the server said: bad key [secret] for secret [secret]", redacted);
    }

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_the_exact_body_with_the_secret()
    {
        // RFC 4231 test case 2.
        var body = "what do ya want for nothing?"u8.ToArray();

        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", ShadowserverApiClient.Sign(body, "Jefe"));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Collect.Upload;
using Herald.Storage;
using Herald.Tests.Collect;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Web;

/// <summary>
/// The upload API honours each source's format (IntelMQ JSON, X-ARF, a column mapping), on the real web application
/// with real keys and a real database, with the same receipts as for Shadowserver CSV.
/// </summary>
public sealed class UploadFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private async Task<(HeraldRuntime Runtime, string Key)> WithSourceAsync(SourceSettings settings)
    {
        var runtime = new HeraldRuntime(new HeraldOptions
        {
            DataDirectory = Path.Combine(_dir.Path, "data"),
            SchemaPath = TestData.SchemaPath,
            XarfSchemaDirectory = TestData.XarfSchemasDir,
            RoutingDirectory = Path.Combine(_dir.Path, "no-routing"),
        }, _time);
        await runtime.InitialiseAsync(CancellationToken.None);
        await using var db = runtime.Database.Open();
        await new SourceCatalog(_time).SaveAsync(db, "partner", settings, "test", CancellationToken.None);
        var (_, key) = await new SourceKeys(_time).CreateAsync(db, "partner", "test", CancellationToken.None);
        return (runtime, key);
    }

    private static HttpRequestMessage Upload(string key, string content, string fileName, string type)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        var form = new MultipartFormDataContent { { file, "report", fileName } };
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = form, Headers = { Authorization = new("Bearer", key) } };
    }

    private static string Event(string ip, string cc) =>
        $$"""{"source.ip":"{{ip}}","source.geolocation.cc":"{{cc}}","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}""";

    private static async Task<string?> ReadingAsync(HeraldRuntime runtime)
    {
        await using var db = runtime.Database.Open();
        return await db.ReportReadings.Select(r => r.Format).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task An_IntelMQ_source_uploads_JSON_events_and_gets_a_receipt_with_the_rejected_line_and_the_constituency()
    {
        var (runtime, key) = await WithSourceAsync(new SourceSettings { Format = "intelmq" });
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = string.Join("\n", Event("192.0.2.1", "NL"), Event("203.0.113.5", "US"), Event("192.0.2.300", "NL")) + "\n";

        var response = await web.Client.SendAsync(Upload(key, content, "events.jsonl", "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, receipt.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(1, receipt.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(1, receipt.GetProperty("insideConstituency").GetInt64());
        var rejected = Assert.Single(receipt.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt64());
        Assert.Contains("192.0.2.300", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("intelmq", await ReadingAsync(runtime));
    }

    [Fact]
    public async Task An_X_ARF_source_uploads_a_report_that_becomes_one_event()
    {
        var (runtime, key) = await WithSourceAsync(new SourceSettings { Format = "xarf" });
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = await File.ReadAllTextAsync(Path.Combine(TestData.XarfSamplesDir, "connection-port-scan.json"));

        var response = await web.Client.SendAsync(Upload(key, content, "port-scan.json", "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 0), (receipt.GetProperty("rowsAccepted").GetInt64(), receipt.GetProperty("rowsRejected").GetInt64()));
        await using var db = runtime.Database.Open();
        Assert.Equal("198.51.100.150", (await db.Events.SingleAsync()).SourceIp);
        Assert.Equal("xarf", await ReadingAsync(runtime));
    }

    [Fact]
    public async Task A_source_with_a_column_mapping_uploads_its_own_CSV_read_through_the_mapping()
    {
        var (runtime, key) = await WithSourceAsync(new SourceSettings { Mapping = IntakeReadingTests.CsvMapping });
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = "seen,address,port\n2026-11-01 10:00:00,192.0.2.10,3389\n2026-11-01 10:05:00,192.0.2.11,not-a-port\n";

        var response = await web.Client.SendAsync(Upload(key, content, "partner-rdp.csv", "text/csv"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, receipt.GetProperty("rowsAccepted").GetInt64() + receipt.GetProperty("rowsRejected").GetInt64());
        await using var db = runtime.Database.Open();
        Assert.Equal("open-rdp", (await db.Events.FirstAsync(e => e.SourceIp == "192.0.2.10")).ClassificationIdentifier);
        Assert.Equal("mapped", await ReadingAsync(runtime));
    }

    [Fact]
    public async Task A_file_that_is_not_in_the_sources_format_is_refused_and_nothing_is_stored()
    {
        var (runtime, key) = await WithSourceAsync(new SourceSettings { Format = "intelmq" });
        await using var web = await RunningWeb.StartAsync(runtime);
        var csv = Encoding.UTF8.GetString(CollectTestbed.Report("192.0.2.1"));

        var wrongType = await web.Client.SendAsync(Upload(key, csv, CollectTestbed.ReportName, "text/csv"));
        var wrongContent = await web.Client.SendAsync(Upload(key, csv, "events.json", "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Contains("expected .json or .jsonl", await wrongType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongContent.StatusCode);
        var reasons = (await wrongContent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.StartsWith("format: no record is readable as intelmq", Assert.Single(reasons), StringComparison.Ordinal);
        await using var db = runtime.Database.Open();
        Assert.Equal((0, 0, 0), (await db.Reports.CountAsync(), await db.Events.CountAsync(), await db.ReportReadings.CountAsync()));
    }

    [Fact]
    public async Task A_source_is_refused_a_mapping_that_does_not_load_and_format_mapped_without_one()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var db = database.Database.Open();
        var catalog = new SourceCatalog(_time);

        var broken = await Assert.ThrowsAsync<ArgumentException>(() =>
            catalog.SaveAsync(db, "partner", new SourceSettings { Mapping = "name: x\nfields:\n  - target: no.such.field\n    source: a\n" }, "test", CancellationToken.None));
        var missing = await Assert.ThrowsAsync<ArgumentException>(() =>
            catalog.SaveAsync(db, "partner", new SourceSettings { Format = "mapped" }, "test", CancellationToken.None));
        var mapped = (await catalog.SaveAsync(db, "partner", new SourceSettings { Mapping = IntakeReadingTests.CsvMapping }, "test", CancellationToken.None)).Source.Format;
        var (changed, _) = await catalog.SaveAsync(db, "partner", new SourceSettings { Format = "xarf" }, "test", CancellationToken.None);

        Assert.Contains("line 3", broken.Message, StringComparison.Ordinal);
        Assert.Contains("needs a column mapping", missing.Message, StringComparison.Ordinal);
        Assert.Equal("mapped", mapped);
        Assert.Equal(("xarf", (string?)null), (changed.Format, changed.Mapping));
        Assert.Equal(0, await db.Sources.CountAsync(s => s.Format == "mapped"));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Collect.Upload;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Web;

/// <summary>The upload API and page on the real web application (Kestrel on loopback), with real keys and a real database.</summary>
public sealed partial class UploadApiTests : IDisposable
{
    private const string Header =
        "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"";

    private const string FileName = "2026-11-01-scan_http_vulnerable-nl-geo.csv";

    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private HeraldRuntime NewRuntime() => new(new HeraldOptions
    {
        DataDirectory = Data,
        SchemaPath = TestData.SchemaPath,
        RoutingDirectory = Path.Combine(_dir.Path, "no-routing"),
    }, _time);

    private static string Row(string ip, string geo, string when = "2026-11-01 10:00:00") =>
        $"\"{when}\",{ip},tcp,443,,\"cve-2021-41773\",64500,{geo},Region,City,0,0,HTTP/1.1,200";

    private static string Report(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    /// <summary>A runtime with a source (and its criteria) and a fresh key for it.</summary>
    private async Task<(HeraldRuntime Runtime, string Key)> WithSourceAsync(string name = "researchers", SourceSettings? settings = null)
    {
        var runtime = NewRuntime();
        await runtime.InitialiseAsync(CancellationToken.None);
        await using var db = runtime.Database.Open();
        await new SourceCatalog(_time).SaveAsync(db, name, settings ?? new SourceSettings(), "test", CancellationToken.None);
        var (_, key) = await new SourceKeys(_time).CreateAsync(db, name, "test", CancellationToken.None);
        return (runtime, key);
    }

    private static HttpRequestMessage Multipart(string key, string content, string fileName = FileName, string partType = "text/csv")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(partType);
        var form = new MultipartFormDataContent { { file, "report", fileName } };
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = form, Headers = { Authorization = new("Bearer", key) } };
    }

    private static HttpRequestMessage Raw(string key, HttpContent content, string query = $"?fileName={FileName}")
    {
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports" + query) { Content = content, Headers = { Authorization = new("Bearer", key) } };
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Rows in every table a report fills, and files kept or staged: all zero after a refused upload.</summary>
    private async Task<(int Reports, int Events, int Rejections, int Directives, int Files)> StoredAsync(HeraldRuntime runtime)
    {
        await using var db = runtime.Database.Open();
        var files = new[] { "reports", "tmp" }.Select(d => Path.Combine(Data, d)).Where(Directory.Exists)
            .Sum(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories).Length);
        return (await db.Reports.CountAsync(), await db.Events.CountAsync(), await db.Rejections.CountAsync(), await db.Directives.CountAsync(), files);
    }

    [Fact]
    public async Task A_valid_file_is_stored_whole_and_the_receipt_counts_its_rows_and_the_constituency()
    {
        var (runtime, key) = await WithSourceAsync();
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = Report(Row("192.0.2.1", "NL"), Row("192.0.2.2", "NL"), Row("203.0.113.5", "US"));

        var response = await web.Client.SendAsync(Multipart(key, content));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await JsonOf(response);
        Assert.Equal(3, receipt.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(0, receipt.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(2, receipt.GetProperty("insideConstituency").GetInt64());
        Assert.False(receipt.GetProperty("alreadyReceived").GetBoolean());
        Assert.Empty(receipt.GetProperty("rejected").EnumerateArray());

        Assert.Equal((1, 3, 0, 3, 1), await StoredAsync(runtime));
        await using var db = runtime.Database.Open();
        var report = await db.Reports.SingleAsync();
        Assert.Equal(receipt.GetProperty("reportId").GetInt64(), report.Id);
        Assert.Equal("researchers", report.SourceName);
        Assert.Equal(ReportStatus.Parsed, report.Status);
        Assert.Equal(content, await File.ReadAllTextAsync(runtime.Reports.PathOf(report)));
        Assert.Equal(receipt.GetProperty("sha256").GetString(), report.ContentHash);
        var audit = await db.Audit.Where(a => a.Action == "report.uploaded").SingleAsync();
        Assert.DoesNotContain(key, audit.Detail, StringComparison.Ordinal);
        Assert.NotNull((await db.SourceKeys.SingleAsync()).LastUsedAt);
    }

    [Fact]
    public async Task A_partly_invalid_raw_upload_keeps_the_good_rows_and_lists_each_rejected_line_with_its_reason()
    {
        var (runtime, key) = await WithSourceAsync();
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = Report(Row("192.0.2.1", "NL"), Row("not-an-ip", "NL"), Row("192.0.2.3", "NL"), "\"2026-11-01 10:00:00\",192.0.2.4,tcp");

        var response = await web.Client.SendAsync(Raw(key, new StringContent(content, Encoding.UTF8, "text/csv")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await JsonOf(response);
        Assert.Equal(2, receipt.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(2, receipt.GetProperty("rowsRejected").GetInt64());
        var rejected = receipt.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([3L, 5L], rejected.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Contains("not-an-ip", rejected[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("columns", rejected[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal((1, 2, 2, 2, 1), await StoredAsync(runtime));
    }

    [Fact]
    public async Task A_missing_wrong_or_revoked_key_is_401_and_stores_nothing()
    {
        var (runtime, key) = await WithSourceAsync();
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = Report(Row("192.0.2.1", "NL"));
        // The same key id with another secret: found by id, refused by hash.
        var forged = key[..16] + new string('A', key.Length - 16);

        var missing = await web.Client.PostAsync($"/api/v1/reports?fileName={FileName}", new StringContent(content, Encoding.UTF8, "text/csv"));
        var wrong = await web.Client.SendAsync(Multipart(forged, content));
        var garbage = await web.Client.SendAsync(Multipart("hello", content));
        await using (var db = runtime.Database.Open())
            Assert.True(await new SourceKeys(_time).RevokeAsync(db, SourceKeys.KeyIdOf(key)!, "test", CancellationToken.None));
        var revoked = await web.Client.SendAsync(Multipart(key, content));

        foreach (var response in new[] { missing, wrong, garbage, revoked })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        Assert.Equal((0, 0, 0, 0, 0), await StoredAsync(runtime));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_413_whether_its_length_is_announced_or_it_streams_and_nothing_is_kept()
    {
        var (runtime, key) = await WithSourceAsync();
        await using var web = await RunningWeb.StartAsync(runtime, "--Upload:MaxBytes=4096");
        var big = Report(Enumerable.Range(1, 200).Select(i => Row($"192.0.2.{i}", "NL")).ToArray());
        Assert.True(Encoding.UTF8.GetByteCount(big) > 8192);

        // As a careful client sends a large body: it waits for the server's go-ahead (100 Continue) or its refusal.
        Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            request.Headers.ExpectContinue = true;
            return web.Client.SendAsync(request);
        }
        var announced = await SendAsync(Raw(key, new StringContent(big, Encoding.UTF8, "text/csv")));
        var streamed = await SendAsync(Raw(key, new ChunkedContent(Encoding.UTF8.GetBytes(big), "text/csv")));
        var form = await SendAsync(Multipart(key, big));
        var small = await SendAsync(Multipart(key, Report(Row("192.0.2.1", "NL"))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        Assert.Equal((1, 1, 0, 1, 1), await StoredAsync(runtime));
    }

    [Fact]
    public async Task An_unsupported_content_type_or_file_type_is_415_and_stores_nothing()
    {
        var (runtime, key) = await WithSourceAsync();
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = Report(Row("192.0.2.1", "NL"));
        var pdf = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        byte[] zip = [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0];

        var responses = new[]
        {
            await web.Client.SendAsync(Raw(key, pdf)),
            await web.Client.SendAsync(Multipart(key, content, "report.xlsx")),
            await web.Client.SendAsync(Multipart(key, content, FileName, "image/png")),
            await web.Client.SendAsync(Raw(key, new ByteArrayContent(zip) { Headers = { ContentType = new("application/octet-stream") } })),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode));
        Assert.Equal((0, 0, 0, 0, 0), await StoredAsync(runtime));
    }

    [Fact]
    public async Task A_report_that_misses_the_sources_criteria_is_422_with_every_reason_and_stores_nothing()
    {
        var (runtime, key) = await WithSourceAsync(settings: new SourceSettings
        {
            MaxAge = TimeSpan.FromDays(7),
            MinConstituencyShare = 0.5,
            RequiredFields = ["source.fqdn"],
        });
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = Report(Row("192.0.2.1", "NL", "2026-10-01 10:00:00"), Row("203.0.113.5", "US"), Row("203.0.113.6", "US"));

        var response = await web.Client.SendAsync(Multipart(key, content));
        var wrongHeader = await web.Client.SendAsync(Multipart(key, "just,some,columns\n1,2,3\n"));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var reasons = (await JsonOf(response)).GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("freshness:", StringComparison.Ordinal) && r.Contains("at line(s) 2", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("constituency: 1 of 3", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("required field source.fqdn is missing in 3 event(s)", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode)422, wrongHeader.StatusCode);
        Assert.Contains("format:", (await wrongHeader.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0, 0), await StoredAsync(runtime));
    }

    [Fact]
    public async Task The_same_content_from_another_source_is_recognised_and_not_stored_twice()
    {
        var (runtime, key) = await WithSourceAsync();
        string other;
        await using (var db = runtime.Database.Open())
        {
            await new SourceCatalog(_time).SaveAsync(db, "partner-cert", new SourceSettings(), "test", CancellationToken.None);
            (_, other) = await new SourceKeys(_time).CreateAsync(db, "partner-cert", "test", CancellationToken.None);
        }
        await using var web = await RunningWeb.StartAsync(runtime);
        var content = Report(Row("192.0.2.1", "NL"), Row("192.0.2.2", "NL"));

        var first = await web.Client.SendAsync(Multipart(key, content));
        var second = await web.Client.SendAsync(Multipart(other, content));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var receipt = await JsonOf(second);
        Assert.True(receipt.GetProperty("alreadyReceived").GetBoolean());
        Assert.Equal((await JsonOf(first)).GetProperty("reportId").GetInt64(), receipt.GetProperty("reportId").GetInt64());
        Assert.Equal(2, receipt.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal((1, 2, 0, 2, 1), await StoredAsync(runtime));
    }

    [Fact]
    public async Task Uploads_over_https_work_with_the_certificate_configured_as_the_readme_says()
    {
        var (runtime, key) = await WithSourceAsync();
        await using var web = await RunningWeb.StartHttpsAsync(runtime, _dir.Path);
        Assert.Equal("https", web.Client.BaseAddress!.Scheme);

        var response = await web.Client.SendAsync(Multipart(key, Report(Row("192.0.2.1", "NL"))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((1, 1, 0, 1, 1), await StoredAsync(runtime));
    }

    [Fact]
    public async Task The_upload_page_takes_a_key_and_a_file_with_an_antiforgery_token_and_refuses_a_post_without_one()
    {
        var (runtime, key) = await WithSourceAsync();
        await using var web = await RunningWeb.StartAsync(runtime);
        var page = await web.Client.GetStringAsync("/upload");
        Assert.Contains("type=\"password\" name=\"key\" autocomplete=\"off\"", page, StringComparison.Ordinal);
        var token = TokenPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);

        MultipartFormDataContent Form(bool withToken)
        {
            var form = new MultipartFormDataContent { { new StringContent(key), "key" } };
            if (withToken) form.Add(new StringContent(token), "__RequestVerificationToken");
            var file = new StringContent(Report(Row("192.0.2.1", "NL")), Encoding.UTF8, "text/csv");
            form.Add(file, "report", FileName);
            return form;
        }
        var forged = await web.Client.PostAsync("/upload", Form(withToken: false));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal((0, 0, 0, 0, 0), await StoredAsync(runtime));

        var accepted = await web.Client.PostAsync("/upload", Form(withToken: true));
        var body = WebUtility.HtmlDecode(await accepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("<th>Rows accepted</th><td>1</td>", body, StringComparison.Ordinal);
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        Assert.False(accepted.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains(key, StringComparison.Ordinal)));
        Assert.Equal((1, 1, 0, 1, 1), await StoredAsync(runtime));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Content sent in chunks without a length, so that only counting while it streams can stop it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Herald.Events;
using Herald.Forward;
using Herald.Storage;
using Herald.Tests.Deliver;

namespace Herald.Tests.Forward;

/// <summary>
/// Documents are written a case at a time into a temporary file: many cases come out whole and in order, the same
/// every time, checked case by case, and nothing is left on disk.
/// </summary>
public sealed class ForwardDocumentsTests
{
    private const string Reference = "HRLD-2026-000042";

    [Fact]
    public async Task Thousands_of_cases_become_one_X_ARF_array_in_order_the_same_every_time_and_the_file_goes_with_the_document()
    {
        var documents = Documents(long.MaxValue);
        var cases = ManyCases(3000);

        var (first, refusal) = await documents.WriteAsync(ForwardFormat.Xarf, Reference, ForwardFixture.At, cases.ToAsyncEnumerable(), CancellationToken.None);
        Assert.Null(refusal);
        var path = ((FileStream)first!.Content).Name;
        var bytes = await ReadAllAsync(first);
        await first.DisposeAsync();
        var (second, _) = await documents.WriteAsync(ForwardFormat.Xarf, Reference, ForwardFixture.At, cases.ToAsyncEnumerable(), CancellationToken.None);
        await using (second)
            Assert.Equal(bytes, await ReadAllAsync(second!));

        Assert.True(bytes.Length > 1 << 20, $"{bytes.Length} bytes: more than one flush");
        using var array = JsonDocument.Parse(bytes);
        var reports = array.RootElement.EnumerateArray().ToList();
        Assert.Equal(cases.Count, reports.Count);
        for (var i = 0; i < cases.Count; i += 499)
        {
            Assert.Equal(ForwardXarf.ReportId(Reference, cases[i].EventId), reports[i].GetProperty("report_id").GetString());
            Assert.Equal(cases[i].Event.SourceIp!.ToString(), reports[i].GetProperty("source_identifier").GetString());
            Assert.Empty(ForwardFixture.XarfSchemas.Validate(reports[i]));
        }
        Assert.False(File.Exists(path), "the temporary file is deleted with the document");
    }

    [Fact]
    public async Task Every_case_of_a_large_IntelMQ_document_reads_back_as_the_event_forwarded()
    {
        var cases = ManyCases(2500);

        var (document, refusal) = await Documents(long.MaxValue).WriteAsync(ForwardFormat.IntelMqJson, Reference, ForwardFixture.At,
            cases.ToAsyncEnumerable(), CancellationToken.None);
        Assert.Null(refusal);
        await using (document)
        {
            Assert.Equal("application/x-ndjson", document!.MediaType);
            var lines = Encoding.UTF8.GetString(await ReadAllAsync(document)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(cases.Count, lines.Length);
            for (var i = 0; i < cases.Count; i++)
            {
                var read = IntelMqJson.Read(lines[i], out var error);
                Assert.True(read is not null, error);
                Assert.Equal(cases[i].Event.SourceIp, read!.SourceIp);
                Assert.Equal(Reference, read.Extra[ForwardIntelMq.ReferenceKey]);
            }
        }
    }

    [Fact]
    public async Task A_forward_without_cases_is_refused()
    {
        var (document, refusal) = await Documents(long.MaxValue).WriteAsync(ForwardFormat.Csv, Reference, ForwardFixture.At,
            AsyncEnumerable.Empty<ForwardedCase>(), CancellationToken.None);

        Assert.Null(document);
        Assert.Equal("no cases are linked to this forward", refusal);
    }

    [Fact]
    public async Task A_document_over_the_limit_is_refused_with_the_size_it_would_have_had()
    {
        var cases = ManyCases(2000);
        var (whole, _) = await Documents(long.MaxValue).WriteAsync(ForwardFormat.Csv, Reference, ForwardFixture.At, cases.ToAsyncEnumerable(), CancellationToken.None);
        long size;
        await using (whole) size = whole!.Length;

        var (document, refusal) = await Documents(size - 1).WriteAsync(ForwardFormat.Csv, Reference, ForwardFixture.At, cases.ToAsyncEnumerable(), CancellationToken.None);

        Assert.Null(document);
        Assert.Equal($"the CSV document is {size} bytes, more than the limit of {size - 1} bytes", refusal);
    }

    private static ForwardDocuments Documents(long maxBytes) =>
        new(Warnings.Service, new ForwardOptions { MaxDocumentBytes = maxBytes }, () => ForwardFixture.XarfSchemas);

    private static List<ForwardedCase> ManyCases(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var ip = new IPAddress([198, 51, (byte)(i / 250), (byte)(i % 250 + 1)]).ToString();
            var e = ForwardFixture.Case(ip, 3389, "vulnerable", "vulnerable-system", "open-rdp", "Accessible-RDP", transport: "tcp", application: "rdp");
            return new ForwardedCase(1000 + i, e, "Zorggroep Oost", "10000002");
        })];

    private static async Task<byte[]> ReadAllAsync(ForwardDocument document)
    {
        using var copy = new MemoryStream();
        await document.Content.CopyToAsync(copy);
        document.Content.Position = 0;
        return copy.ToArray();
    }
}

using System.Text;
using Herald.Collect;
using Herald.Collect.Upload;
using Herald.Quarantine;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Collect;

/// <summary>
/// The collectors' intake reads a report in its source's format and keeps how it read it, so that quarantined rows
/// are resubmitted and an interrupted report is resumed the same way, not as Shadowserver CSV.
/// </summary>
public sealed class IntakeReadingTests
{
    internal const string CsvMapping = """
        name: partner-rdp
        format: csv
        constants:
          classification.taxonomy: vulnerable
          classification.type: vulnerable-system
          classification.identifier: open-rdp
        fields:
          - target: time.source
            source: seen
            conversion: add_UTC_to_timestamp
          - target: source.ip
            source: address
          - target: source.port
            source: port
            conversion: convert_int
        """;

    private static async Task AddSourceAsync(CollectTestbed bed, string name, SourceSettings settings)
    {
        await using var db = bed.Db();
        await new SourceCatalog(bed.Time).SaveAsync(db, name, settings, "test", CancellationToken.None);
    }

    private static Task<IntakeResult> TakeAsync(CollectTestbed bed, string content, string fileName, string source) =>
        bed.Intake.TakeAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName, source, "folder", CancellationToken.None);

    [Fact]
    public async Task An_IntelMQ_report_from_a_collector_is_read_as_IntelMQ_and_its_corrected_row_is_resubmitted_as_IntelMQ()
    {
        await using var bed = await CollectTestbed.StartAsync();
        await AddSourceAsync(bed, "partner", new SourceSettings { Format = "intelmq" });
        var content = """
            {"source.ip":"192.0.2.7","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}
            {"source.ip":"192.0.2.300","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}
            """;

        var item = Assert.Single((await TakeAsync(bed, content, "events.jsonl", "partner")).Items);

        Assert.Equal((IntakeStatus.Processed, 1L, 1L), (item.Status, item.Events, item.Rejections));
        await using var db = bed.Db();
        var reading = await db.ReportReadings.SingleAsync();
        Assert.Equal((item.ReportId!.Value, "intelmq", (string?)null), (reading.ReportId, reading.Format, reading.Mapping));

        var desk = new QuarantineDesk(bed.Runtime);
        var rejection = await db.Rejections.SingleAsync();
        Assert.Null(await desk.CorrectAsync(db, rejection.Id,
            """{"source.ip":"192.0.2.30","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}""", "analyst", CancellationToken.None));
        var outcome = Assert.Single(await desk.ResubmitAsync(db, rejection.Id, null, "analyst", CancellationToken.None));

        Assert.True(outcome.Resolved, outcome.Detail);
        Assert.Equal(["192.0.2.30", "192.0.2.7"], await db.Events.OrderBy(e => e.SourceIp).Select(e => e.SourceIp).ToListAsync());
    }

    [Fact]
    public async Task A_mapped_report_from_a_collector_that_was_interrupted_is_resumed_through_its_mapping()
    {
        await using var bed = await CollectTestbed.StartAsync();
        await AddSourceAsync(bed, "partner-csv", new SourceSettings { Mapping = CsvMapping });
        var content = "seen,address,port\n2026-11-01 10:00:00,192.0.2.10,3389\n2026-11-01 10:05:00,192.0.2.11,3389\n";

        var item = Assert.Single((await TakeAsync(bed, content, "partner-rdp.csv", "partner-csv")).Items);
        Assert.Equal((IntakeStatus.Processed, 2L, 0L), (item.Status, item.Events, item.Rejections));
        List<string> events;
        await using (var db = bed.Db())
        {
            var reading = await db.ReportReadings.SingleAsync();
            Assert.Equal(("mapped", CsvMapping), (reading.Format, reading.Mapping));
            events = await db.Events.OrderBy(e => e.Line).Select(e => e.Json).ToListAsync();
            // As if the process had died after storing the report and before its first batch.
            await db.Directives.ExecuteDeleteAsync();
            await db.Events.ExecuteDeleteAsync();
            await db.Reports.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Received));
        }

        // herald resume makes its processor without a format: the report's own reading decides.
        var resumed = Assert.Single((await bed.Runtime.CreateProcessor().ResumeAsync(CancellationToken.None)).Reports);

        Assert.Equal((2L, 0L), (resumed.Events, resumed.Rejections));
        await using (var db = bed.Db())
            Assert.Equal(events, await db.Events.OrderBy(e => e.Line).Select(e => e.Json).ToListAsync());
    }

    [Fact]
    public async Task An_unfinished_report_delivered_again_is_finished_as_it_was_first_read_even_after_its_source_changed_format()
    {
        await using var bed = await CollectTestbed.StartAsync();
        await AddSourceAsync(bed, "partner", new SourceSettings { Format = "intelmq" });
        var content = """
            {"source.ip":"192.0.2.7","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}
            {"source.ip":"192.0.2.8","time.source":"2026-11-01T10:00:00+00:00","classification.identifier":"open-rdp"}
            """;
        Assert.Equal(2L, Assert.Single((await TakeAsync(bed, content, "events.jsonl", "partner")).Items).Events);
        await using (var db = bed.Db())
        {
            // As if the process had died before the first batch; meanwhile the source moved on to Shadowserver CSV.
            await db.Directives.ExecuteDeleteAsync();
            await db.Events.ExecuteDeleteAsync();
            await db.Reports.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Received));
        }
        await AddSourceAsync(bed, "partner", new SourceSettings { Format = "shadowserver" });

        var again = Assert.Single((await TakeAsync(bed, content, "events.jsonl", "partner")).Items);

        Assert.Equal((IntakeStatus.Processed, 2L, 0L), (again.Status, again.Events, again.Rejections));
        await using (var db = bed.Db())
            Assert.Equal("intelmq", (await db.ReportReadings.SingleAsync()).Format);
    }

    [Fact]
    public async Task A_source_without_a_format_of_its_own_is_read_as_Shadowserver_CSV_and_that_is_kept()
    {
        await using var bed = await CollectTestbed.StartAsync();

        var item = Assert.Single((await TakeAsync(bed, Encoding.UTF8.GetString(CollectTestbed.Report("192.0.2.1")), CollectTestbed.ReportName, "shadowserver")).Items);

        Assert.Equal((IntakeStatus.Processed, 1L), (item.Status, item.Events));
        await using var db = bed.Db();
        Assert.Equal("shadowserver", (await db.ReportReadings.SingleAsync()).Format);
    }
}

using Herald.Collect;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Collect;

public sealed class ReportIntakeTests
{
    private static Task<IntakeResult> Take(CollectTestbed bed, byte[] content, string name, string collector = "test") =>
        bed.Intake.TakeAsync(new MemoryStream(content), name, "shadowserver", collector, CancellationToken.None);

    [Fact]
    public async Task A_report_is_stored_then_processed_and_its_source_exists()
    {
        await using var bed = await CollectTestbed.StartAsync();

        var result = await Take(bed, CollectTestbed.Report("192.0.2.1", "192.0.2.2"), CollectTestbed.ReportName);

        var item = Assert.Single(result.Items);
        Assert.Equal(IntakeStatus.Processed, item.Status);
        Assert.Equal(2, item.Events);
        await using var db = bed.Db();
        var report = await db.Reports.SingleAsync();
        Assert.Equal(ReportStatus.Parsed, report.Status);
        Assert.True(File.Exists(bed.Runtime.Reports.PathOf(report)));
        Assert.Equal(2, await db.Events.CountAsync());
        Assert.True(await db.Sources.AnyAsync(s => s.Name == "shadowserver"));
    }

    [Fact]
    public async Task The_same_content_from_another_collector_and_packed_differently_is_recognised_and_not_processed_twice()
    {
        await using var bed = await CollectTestbed.StartAsync();
        var csv = CollectTestbed.Report("192.0.2.1");

        var first = await Take(bed, csv, CollectTestbed.ReportName, "folder");
        var again = await Take(bed, CollectTestbed.Zip((CollectTestbed.ReportName, csv)), CollectTestbed.ReportName + ".zip", "imap");
        var gzipped = await Take(bed, CollectTestbed.Gzip(csv), CollectTestbed.ReportName + ".gz", "https");

        Assert.Equal(IntakeStatus.Processed, Assert.Single(first.Items).Status);
        Assert.Equal(IntakeStatus.Duplicate, Assert.Single(again.Items).Status);
        Assert.Equal(IntakeStatus.Duplicate, Assert.Single(gzipped.Items).Status);
        Assert.True(again.Succeeded);
        await using var db = bed.Db();
        Assert.Equal(1, await db.Reports.CountAsync());
        Assert.Equal(1, await db.Events.CountAsync());
    }

    [Fact]
    public async Task A_zip_with_several_reports_and_a_gz_are_unpacked_under_their_inner_names()
    {
        await using var bed = await CollectTestbed.StartAsync();

        var zip = await Take(bed, CollectTestbed.Zip(
            ("2026-11-01-scan_http_vulnerable-nl-geo.csv", CollectTestbed.Report("192.0.2.1")),
            ("2026-11-02-scan_http_vulnerable-nl-geo.csv", CollectTestbed.Report("192.0.2.2", "192.0.2.3"))), "reports.zip");
        var gz = await Take(bed, CollectTestbed.Gzip(CollectTestbed.Report("192.0.2.9")), "2026-11-03-scan_http_vulnerable-nl-geo.csv.gz");

        Assert.Equal([1L, 2L], zip.Items.Select(i => i.Events));
        Assert.Equal("2026-11-03-scan_http_vulnerable-nl-geo.csv", Assert.Single(gz.Items).FileName);
        await using var db = bed.Db();
        Assert.Equal(
            ["2026-11-01-scan_http_vulnerable-nl-geo.csv", "2026-11-02-scan_http_vulnerable-nl-geo.csv", "2026-11-03-scan_http_vulnerable-nl-geo.csv"],
            await db.Reports.OrderBy(r => r.FileName).Select(r => r.FileName).ToListAsync());
        Assert.Equal(4, await db.Events.CountAsync());
    }

    [Fact]
    public async Task A_zip_bomb_is_stopped_by_the_ratio_while_it_is_read_and_nothing_is_stored()
    {
        // 64 MiB of one byte compresses about a thousand times; the ratio limit stops it after a few MiB.
        await using var bed = await CollectTestbed.StartAsync(new ArchiveLimits { MaxCompressionRatio = 100 });
        var bomb = CollectTestbed.Zip(("bomb.csv", new byte[64 << 20]));

        var result = await Take(bed, bomb, "bomb.csv.zip");

        var item = Assert.Single(result.Items);
        Assert.Equal(IntakeStatus.Failed, item.Status);
        Assert.Contains("max-compression-ratio", item.Error, StringComparison.Ordinal);
        Assert.Contains("unpacking stopped", item.Error, StringComparison.Ordinal);
        var produced = long.Parse(System.Text.RegularExpressions.Regex.Match(item.Error!, @"\(([\d,]+) bytes from").Groups[1].Value.Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(produced < 16 << 20, $"stopped only after {produced:N0} bytes");
        await using var db = bed.Db();
        Assert.Equal(0, await db.Reports.CountAsync());
        Assert.Equal("collect.failed", (await db.Audit.SingleAsync(a => a.Action.StartsWith("collect"))).Action);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(bed.Data, "reports"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_gz_that_expands_beyond_the_size_limit_is_stopped()
    {
        await using var bed = await CollectTestbed.StartAsync(new ArchiveLimits { MaxUncompressedBytes = 1 << 20, MaxCompressionRatio = 100_000 });

        var result = await Take(bed, CollectTestbed.Gzip(new byte[8 << 20]), "big.csv.gz");

        Assert.Contains("max-uncompressed-bytes", Assert.Single(result.Items).Error, StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.Equal(0, await db.Reports.CountAsync());
    }

    [Fact]
    public async Task A_zip_with_too_many_files_or_a_nested_archive_is_refused_with_the_reason()
    {
        await using var bed = await CollectTestbed.StartAsync(new ArchiveLimits { MaxEntries = 3 });

        var many = await Take(bed, CollectTestbed.Zip([.. Enumerable.Range(1, 4).Select(i => ($"r{i}.csv", CollectTestbed.Report($"192.0.2.{i}")))]), "many.zip");
        var nested = await Take(bed, CollectTestbed.Zip(("inner.csv.zip", CollectTestbed.Zip(("r.csv", CollectTestbed.Report("192.0.2.1"))))), "outer.zip");
        var broken = await Take(bed, [1, 2, 3, 4], "broken.zip");

        Assert.Contains("4 files, more than the limit of 3 (max-entries)", Assert.Single(many.Items).Error, StringComparison.Ordinal);
        Assert.Contains("archive inside an archive", Assert.Single(nested.Items).Error, StringComparison.Ordinal);
        Assert.Contains("not a readable zip archive", Assert.Single(broken.Items).Error, StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.Equal(0, await db.Reports.CountAsync());
    }
}

using Herald.Collect;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Collect;

public sealed class FolderCollectorTests
{
    private static CollectorDefinition Folder(CollectTestbed bed) =>
        new("drop", CollectorKind.Folder, "researchers", TimeSpan.FromSeconds(5), new FolderSettings(Path.Combine(bed.Data, "drop"), TimeSpan.Zero));

    private static Task<CollectorRun> RunAsync(CollectTestbed bed) => bed.Factory().Create(Folder(bed)).RunAsync(CancellationToken.None);

    [Fact]
    public async Task A_complete_file_is_processed_and_moved_to_processed()
    {
        await using var bed = await CollectTestbed.StartAsync();
        var drop = Path.Combine(bed.Data, "drop");
        Directory.CreateDirectory(drop);
        await File.WriteAllBytesAsync(Path.Combine(drop, CollectTestbed.ReportName), CollectTestbed.Report("192.0.2.1"));

        var run = await RunAsync(bed);

        Assert.Equal(1, run.Succeeded);
        Assert.Empty(Directory.GetFiles(drop));
        Assert.True(File.Exists(Path.Combine(drop, "processed", CollectTestbed.ReportName)));
        await using var db = bed.Db();
        Assert.Equal("researchers", (await db.Reports.SingleAsync()).SourceName);
        Assert.Equal(1, await db.Events.CountAsync());
    }

    [Fact]
    public async Task A_file_still_written_as_part_is_left_alone_until_it_is_renamed()
    {
        await using var bed = await CollectTestbed.StartAsync();
        var drop = Path.Combine(bed.Data, "drop");
        Directory.CreateDirectory(drop);
        var part = Path.Combine(drop, CollectTestbed.ReportName + ".part");
        await File.WriteAllBytesAsync(part, CollectTestbed.Report("192.0.2.1"));

        Assert.Empty((await RunAsync(bed)).Deliveries);
        Assert.True(File.Exists(part));

        File.Move(part, Path.Combine(drop, CollectTestbed.ReportName));
        Assert.Equal(1, (await RunAsync(bed)).Succeeded);
    }

    [Fact]
    public void A_file_whose_size_or_time_changed_between_two_looks_is_not_complete()
    {
        var at = new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
        var first = new Dictionary<string, FileLook> { ["a.csv"] = new(10, at), ["b.csv"] = new(10, at), ["c.csv"] = new(10, at) };
        var second = new Dictionary<string, FileLook> { ["a.csv"] = new(10, at), ["b.csv"] = new(20, at), ["c.csv"] = new(10, at.AddSeconds(1)), ["d.csv"] = new(1, at) };

        Assert.Equal(["a.csv"], FileLook.Unchanged(first, second));
    }

    [Fact]
    public async Task A_refused_file_goes_to_failed_with_the_reason_beside_it_and_the_next_file_still_goes_through()
    {
        await using var bed = await CollectTestbed.StartAsync(new ArchiveLimits { MaxEntries = 1 });
        var drop = Path.Combine(bed.Data, "drop");
        Directory.CreateDirectory(drop);
        await File.WriteAllBytesAsync(Path.Combine(drop, "a-two-files.zip"),
            CollectTestbed.Zip(("x.csv", CollectTestbed.Report("192.0.2.1")), ("y.csv", CollectTestbed.Report("192.0.2.2"))));
        await File.WriteAllBytesAsync(Path.Combine(drop, CollectTestbed.ReportName), CollectTestbed.Report("192.0.2.3"));

        var run = await RunAsync(bed);

        Assert.Equal((1, 1), (run.Succeeded, run.Failed));
        Assert.True(File.Exists(Path.Combine(drop, "failed", "a-two-files.zip")));
        Assert.Contains("max-entries", await File.ReadAllTextAsync(Path.Combine(drop, "failed", "a-two-files.zip.reason.txt")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(drop, "processed", CollectTestbed.ReportName)));
    }

    [Fact]
    public async Task Without_collectors_yaml_the_inbox_of_the_data_directory_is_watched_as_before()
    {
        await using var bed = await CollectTestbed.StartAsync();
        var configuration = CollectorsConfiguration.Load(bed.Data);
        var inbox = Assert.Single(configuration.Collectors);
        Assert.Equal(bed.Runtime.Options.InboxDirectory, ((FolderSettings)inbox.Settings).Path);
        Directory.CreateDirectory(bed.Runtime.Options.InboxDirectory);
        await File.WriteAllBytesAsync(Path.Combine(bed.Runtime.Options.InboxDirectory, CollectTestbed.ReportName), CollectTestbed.Report("192.0.2.1"));
        // The default waits two seconds between its looks; a real run, so the wait is real too.
        var schedule = new CollectorSchedule(bed.Factory(), new CollectorRunner(bed.Runtime.Database, bed.Time), bed.Time);

        var outcome = Assert.Single(await schedule.RunOnceAsync(configuration.Collectors, CancellationToken.None));

        Assert.Null(outcome.Error);
        Assert.True(File.Exists(Path.Combine(bed.Runtime.Options.InboxDirectory, "processed", CollectTestbed.ReportName)));
        await using var db = bed.Db();
        Assert.Equal("inbox", (await db.Reports.SingleAsync()).SourceName);
    }
}

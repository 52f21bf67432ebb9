using Herald.Parse;
using Herald.Parse.Mapping;
using Herald.Pipeline;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Collect;

/// <summary>
/// The one way in for every collector: a delivery is unpacked (within the <see cref="ArchiveLimits"/>), each
/// report file in it is stored content-addressed first and then processed by the <see cref="ReportProcessor"/>,
/// read in its source's format (<see cref="Source.Format"/>, <see cref="Source.Mapping"/>), which is kept with it.
/// The same content from any collector is recognised and not processed twice.
/// </summary>
public sealed class ReportIntake(
    HeraldDatabase database,
    ReportStore reports,
    Func<Source, ReportProcessor> processorFor,
    ArchiveLimits limits,
    string temporaryDirectory,
    TimeProvider time)
{
    /// <summary>An intake on the runtime's database, store and pipeline; spooled archives go to <c>&lt;data&gt;/tmp</c>.</summary>
    public static ReportIntake For(HeraldRuntime runtime, ArchiveLimits limits) => new(
        runtime.Database, runtime.Reports, source => runtime.CreateProcessor(runtime.CreateParser(ReportReading.Of(source))), limits,
        Path.Combine(runtime.Options.DataDirectory, "tmp"), runtime.Time);

    public ArchiveLimits Limits => limits;

    /// <summary>Takes in one delivery; errors are returned as failed items (with the reason) and audited, not thrown.</summary>
    public async Task<IntakeResult> TakeAsync(Stream content, string fileName, string sourceName, string collector,
        CancellationToken cancellationToken, string? reportType = null)
    {
        var name = Path.GetFileName(fileName);
        var items = new List<IntakeItem>();
        string? spool = null;
        try
        {
            if (ArchiveUnpacker.IsArchive(name) && !content.CanSeek)
            {
                // A zip is read from its end (the central directory): keep it on disk, not in memory.
                Directory.CreateDirectory(temporaryDirectory);
                spool = Path.Combine(temporaryDirectory, $".spool-{Guid.NewGuid():N}");
                await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    await content.CopyToAsync(file, cancellationToken);
            }
            await using var source = spool is null ? null : new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, useAsync: true);
            await ArchiveUnpacker.UnpackAsync(source ?? content, name, limits,
                async (entryName, entry) => items.Add(await TakeOneAsync(entry, entryName, sourceName, collector, reportType, cancellationToken)),
                cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException && !cancellationToken.IsCancellationRequested)
        {
            items.Add(new IntakeItem(name, IntakeStatus.Failed, null, 0, 0, ex.Message));
        }
        finally
        {
            if (spool is not null && File.Exists(spool)) File.Delete(spool);
        }

        var result = new IntakeResult(name, items);
        if (!result.Succeeded) await AuditFailureAsync(collector, name, result.Errors, cancellationToken);
        return result;
    }

    private async Task<IntakeItem> TakeOneAsync(Stream content, string fileName, string sourceName, string collector, string? reportType,
        CancellationToken cancellationToken)
    {
        Report report;
        bool isNew;
        ReportProcessor processor;
        await using (var db = database.Open())
        {
            var source = await EnsureSourceAsync(db, sourceName, cancellationToken);
            try
            {
                processor = processorFor(source);
            }
            catch (InvalidMappingException ex)
            {
                // Nothing stored: the delivery stays with its collector (failed folder, failed keyword) until the source is fixed.
                return new IntakeItem(fileName, IntakeStatus.Failed, null, 0, 0, $"{fileName}: source {sourceName} cannot read it: {ex.Message}");
            }
            reportType ??= source.ReportType;
            (report, isNew) = await processor.StoreAsync(db, content, fileName, sourceName, reportType, cancellationToken);
            if (!isNew && report.Status == ReportStatus.Parsed)
                return new IntakeItem(fileName, IntakeStatus.Duplicate, report.Id, report.EventCount, report.RejectionCount, null);
            db.Audit.Add(new AuditEntry
            {
                At = time.GetUtcNow(),
                Actor = collector,
                Action = "report.collected",
                Subject = report.FileName,
                Detail = $"report {report.Id} from source {sourceName}",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await using var stored = reports.Open(report);
            var summary = await processor.ProcessAsync(stored, report.FileName, reportType, sourceName, null, cancellationToken);
            return new IntakeItem(fileName, IntakeStatus.Processed, report.Id, summary.Events, summary.Rejections, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stored but not processed: the report stays "received" and is parsed again when it comes again.
            return new IntakeItem(fileName, IntakeStatus.Failed, report.Id, 0, 0, $"{fileName} (report {report.Id}, stored): processing failed: {ex.Message}");
        }
    }

    /// <summary>The source, registered now (with the defaults: Shadowserver CSV) when it is not yet.</summary>
    private static async Task<Source> EnsureSourceAsync(HeraldDb db, string sourceName, CancellationToken cancellationToken)
    {
        if (await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == sourceName, cancellationToken) is { } known) return known;
        db.Sources.Add(new Source { Name = sourceName });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another collector created it at the same moment: the unique name keeps one row.
        }
        db.ChangeTracker.Clear();
        return await db.Sources.AsNoTracking().FirstAsync(s => s.Name == sourceName, cancellationToken);
    }

    private async Task AuditFailureAsync(string collector, string fileName, string errors, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        db.Audit.Add(new AuditEntry { At = time.GetUtcNow(), Actor = collector, Action = "collect.failed", Subject = fileName, Detail = errors });
        await db.SaveChangesAsync(cancellationToken);
    }
}

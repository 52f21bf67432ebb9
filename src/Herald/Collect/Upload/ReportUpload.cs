using Herald.Parse;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Collect.Upload;

/// <summary>
/// Takes a report uploaded by a source: streamed into a staging file (within the size limit), read once in the
/// source's format (Shadowserver CSV, IntelMQ JSON, X-ARF or its column mapping) against its criteria, and only then
/// stored and processed the same way. A refused upload leaves nothing behind.
/// </summary>
public sealed class ReportUpload(HeraldRuntime runtime, UploadOptions options)
{
    private const int SniffBytes = 4096;

    /// <summary>Why a file name is not acceptable for the source's format, or null when it is.</summary>
    public static string? FileTypeProblem(Source source, string fileName)
    {
        var allowed = UploadOptions.ExtensionsOf(source);
        if (allowed.Count == 0) return $"reports in format '{source.Format}' cannot be uploaded";
        return allowed.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"'{fileName}' is not a file type for format {source.Format} (expected {string.Join(" or ", allowed)})";
    }

    /// <summary>Receives one upload; throws <see cref="UploadTooLargeException"/> as soon as it passes the limit.</summary>
    public async Task<UploadResult> ReceiveAsync(Source source, string keyId, Stream body, string fileName, string? reportType,
        CancellationToken cancellationToken)
    {
        fileName = Path.GetFileName(fileName);
        if (FileTypeProblem(source, fileName) is { } typeProblem) return UploadResult.Refused(UploadStatus.UnsupportedType, typeProblem);
        var staging = Path.Combine(runtime.Options.DataDirectory, "tmp");
        Directory.CreateDirectory(staging);
        var temp = Path.Combine(staging, $".upload-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await new LimitedStream(body, options.MaxBytes).CopyToAsync(file, 1 << 16, cancellationToken);
            if (await LooksBinaryAsync(temp, cancellationToken))
                return UploadResult.Refused(UploadStatus.UnsupportedType,
                    $"'{fileName}' holds binary data (a compressed or office file?); upload the report as {string.Join(" or ", UploadOptions.ExtensionsOf(source))} text");

            var type = reportType ?? source.ReportType;
            var reading = ReportReading.Of(source);
            var parser = runtime.CreateParser(reading);
            var check = await Task.Run(() => CheckAsync(source, reading.HasHeader(), parser, temp, fileName, type, cancellationToken), cancellationToken);
            if (check.Problems() is { Count: > 0 } problems) return UploadResult.Refused(UploadStatus.CriteriaNotMet, problems);

            var processor = runtime.CreateProcessor(parser);
            await using (var stored = File.OpenRead(temp))
            {
                var summary = await processor.IngestAsync(stored, fileName, type, source.Name, null, cancellationToken);
                return new UploadResult(UploadStatus.Accepted, await ReceiptAsync(summary.ReportId, summary.AlreadyProcessed, check.Inside, keyId, cancellationToken), []);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<CriteriaCheck> CheckAsync(Source source, bool hasHeader, IReportParser parser, string path, string fileName, string? reportType,
        CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.Open();
        var enricher = await runtime.LoadEnricherAsync(db, cancellationToken);
        var now = runtime.Time.GetUtcNow();
        var check = new CriteriaCheck(source, hasHeader, runtime.Options.Decision.Constituency, now);
        await using var content = File.OpenRead(path);
        foreach (var row in parser.Parse(content, new ParseContext(fileName, reportType, now), cancellationToken))
            check.Add(row, row.Event is { } e ? enricher.Enrich(e) : null);
        return check;
    }

    private async Task<UploadReceipt> ReceiptAsync(long reportId, bool alreadyReceived, long inside, string keyId, CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.Open();
        var report = await db.Reports.AsNoTracking().FirstAsync(r => r.Id == reportId, cancellationToken);
        var rejected = await db.Rejections.AsNoTracking().Where(r => r.ReportId == reportId).OrderBy(r => r.Line)
            .Take(options.RejectionsInReceipt + 1).Select(r => new RejectedRow(r.Line, r.Reason)).ToListAsync(cancellationToken);
        var truncated = rejected.Count > options.RejectionsInReceipt;
        if (truncated) rejected.RemoveAt(rejected.Count - 1);
        db.Audit.Add(new AuditEntry
        {
            At = runtime.Time.GetUtcNow(),
            Actor = report.SourceName,
            Action = "report.uploaded",
            Subject = report.FileName,
            Detail = $"report {report.Id} with key {keyId}{(alreadyReceived ? ", content received before" : "")}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new UploadReceipt(report.Id, report.FileName, report.ContentHash, report.ReportType, alreadyReceived,
            report.EventCount, report.RejectionCount, inside, rejected, truncated);
    }

    private static async Task<bool> LooksBinaryAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[SniffBytes];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var start = head.AsSpan(0, read);
        // NUL never occurs in a text report; zip and gzip files start with their magic numbers.
        return start.Contains((byte)0) || start.StartsWith("PK\x03\x04"u8) || start.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]);
    }
}

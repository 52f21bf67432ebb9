using System.Security.Cryptography;
using Herald.Parse;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Collect;

/// <summary>
/// Keeps every report exactly as received, before anything parses it: the bytes in a content-addressed
/// file under the data directory, the metadata (with the SHA-256, unique) in the database.
/// </summary>
public sealed class ReportStore(string dataDirectory, TimeProvider time)
{
    private string Root => Path.Combine(dataDirectory, "reports");

    public string PathOf(Report report) => Path.Combine(Root, report.ContentHash[..2], report.ContentHash);

    /// <summary>
    /// Stores the content once; the same content again returns the existing report. How <paramref name="reader"/>
    /// reads it is kept in the same transaction as the report (<see cref="ReportReading"/>; a report keeps its first).
    /// </summary>
    public async Task<(Report Report, bool IsNew)> AddAsync(HeraldDb db, Stream content, string fileName, string sourceName,
        string? reportType, IReportParser reader, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".incoming-{Guid.NewGuid():N}");
        string hash;
        long size;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
                size = file.Length;
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }

            // Only now, with the bytes on disk: the write lock is held for the rows, not for the copy.
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var existing = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.ContentHash == hash, cancellationToken);
            if (existing is not null)
            {
                // The bytes may be missing if an earlier run died between file and row; keep them now.
                if (!File.Exists(PathOf(existing))) MoveInto(temp, PathOf(existing));
                await ReportReading.RecordAsync(db, existing.Id, reader, cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return (existing, false);
            }

            var report = new Report
            {
                SourceName = sourceName,
                FileName = Path.GetFileName(fileName),
                ReportType = reportType,
                ContentHash = hash,
                Size = size,
                ReceivedAt = time.GetUtcNow(),
                Status = ReportStatus.Received,
            };
            MoveInto(temp, PathOf(report));
            db.Reports.Add(report);
            db.Audit.Add(new AuditEntry
            {
                At = report.ReceivedAt,
                Actor = sourceName,
                Action = "report.received",
                Subject = report.FileName,
                Detail = $"sha256 {hash}, {size} bytes",
            });
            await db.SaveChangesAsync(cancellationToken);
            await ReportReading.RecordAsync(db, report.Id, reader, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return (report, true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream Open(Report report) => new FileStream(PathOf(report), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    private static void MoveInto(string temp, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!File.Exists(target)) File.Move(temp, target);
    }
}

using System.IO.Compression;

namespace Herald.Collect;

/// <summary>
/// Unpacks a delivery into its report files: a <c>.zip</c> (also <c>.csv.zip</c>) into its files, a <c>.gz</c>
/// into the one file it holds, anything else as it is. Every byte inflated is counted against the
/// <see cref="ArchiveLimits"/> while it is read, so a bomb stops early with a clear reason.
/// </summary>
internal static class ArchiveUnpacker
{
    /// <summary>True when the name says the content is packed and must be unpacked first.</summary>
    public static bool IsArchive(string fileName) => IsZip(fileName) || IsGzip(fileName);

    /// <summary>
    /// Calls <paramref name="each"/> with every report file's name and content (read it before returning).
    /// A zip must come as a seekable stream.
    /// </summary>
    public static async Task UnpackAsync(Stream content, string fileName, ArchiveLimits limits,
        Func<string, Stream, Task> each, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName);
        if (IsZip(name)) await UnzipAsync(content, name, limits, each, cancellationToken);
        else if (IsGzip(name)) await GunzipAsync(content, name, limits, each);
        else await each(name, content);
    }

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static bool IsGzip(string name) => name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private static async Task GunzipAsync(Stream content, string name, ArchiveLimits limits, Func<string, Stream, Task> each)
    {
        var inner = name[..^".gz".Length];
        RefuseNested(name, inner);
        var guard = new ExpansionGuard(name, limits);
        var compressed = new CountingStream(content, long.MaxValue, name);
        await using var unpacked = new GuardedStream(new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true),
            guard, () => compressed.BytesRead, inner);
        await each(inner, unpacked);
    }

    private static async Task UnzipAsync(Stream content, string name, ArchiveLimits limits, Func<string, Stream, Task> each,
        CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(content, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{name} is not a readable zip archive: {ex.Message}", ex);
        }
        await using (zip)
        {
            var files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (files.Count > limits.MaxEntries)
                throw new InvalidDataException($"{name} holds {files.Count} files, more than the limit of {limits.MaxEntries} (max-entries); nothing unpacked");
            if (files.Count == 0) throw new InvalidDataException($"{name} holds no files");
            var declared = files.Sum(e => e.Length);
            if (declared > limits.MaxUncompressedBytes)
                throw new InvalidDataException(
                    $"{name} says it expands to {declared:N0} bytes, more than the limit of {limits.MaxUncompressedBytes:N0} (max-uncompressed-bytes); nothing unpacked");

            // What the entries say about themselves may be a lie: the guard counts what really comes out.
            var guard = new ExpansionGuard(name, limits);
            long compressedBefore = 0;
            foreach (var entry in files)
            {
                var entryName = Path.GetFileName(entry.FullName);
                RefuseNested(name, entryName);
                var compressedSoFar = compressedBefore + entry.CompressedLength;
                await using (var unpacked = new GuardedStream(await entry.OpenAsync(cancellationToken), guard, () => compressedSoFar, entryName))
                    await each(entryName, unpacked);
                compressedBefore = compressedSoFar;
            }
        }
    }

    private static void RefuseNested(string archive, string inner)
    {
        if (IsArchive(inner))
            throw new InvalidDataException($"{archive}: {inner} is an archive inside an archive; Herald unpacks one level only");
    }
}

namespace Herald.Collect;

/// <summary>
/// Counts the bytes an archive has expanded to, across all its files, and stops the read that goes past the
/// size or ratio limit.
/// </summary>
internal sealed class ExpansionGuard(string archiveName, ArchiveLimits limits)
{
    public long Produced { get; private set; }

    /// <summary>Adds <paramref name="count"/> bytes produced from <paramref name="compressed"/> bytes read so far.</summary>
    public void Add(int count, long compressed, string entryName)
    {
        Produced += count;
        if (Produced > limits.MaxUncompressedBytes)
            throw new InvalidDataException(
                $"{archiveName}: {entryName} expands beyond the limit of {limits.MaxUncompressedBytes:N0} bytes (max-uncompressed-bytes); unpacking stopped");
        if (Produced > limits.RatioGraceBytes && Produced > (double)limits.MaxCompressionRatio * Math.Max(1, compressed))
            throw new InvalidDataException(
                $"{archiveName}: {entryName} expands more than {limits.MaxCompressionRatio} times ({Produced:N0} bytes from {compressed:N0}; max-compression-ratio); unpacking stopped");
    }
}

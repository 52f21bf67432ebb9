namespace Herald.Collect;

/// <summary>
/// Limits on what one delivery may expand to, so that a zip bomb or an e-mail with hundreds of attachments
/// is stopped with a clear reason (an <see cref="InvalidDataException"/>) while it is read, never after everything was inflated.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>Most bytes all files of one archive (or one compressed file) may expand to together.</summary>
    public long MaxUncompressedBytes { get; init; } = 4L << 30;

    /// <summary>Most uncompressed bytes per compressed byte; CSV compresses 5 to 30 times, bombs a thousand.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Most files in one archive.</summary>
    public int MaxEntries { get; init; } = 100;

    /// <summary>Most report attachments in one e-mail.</summary>
    public int MaxAttachments { get; init; } = 50;

    /// <summary>Most bytes one download (HTTPS pull, reports API) or one e-mail may have, before unpacking.</summary>
    public long MaxDownloadBytes { get; init; } = 2L << 30;

    /// <summary>Expansion below this size is never judged by its ratio: tiny files compress absurdly well.</summary>
    public long RatioGraceBytes { get; init; } = 1L << 20;
}

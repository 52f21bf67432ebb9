namespace Herald.Storage;

/// <summary>
/// A file in the system's temporary folder that only its stream can reach and that is deleted when the stream
/// closes: where a large attachment or forward is written before it is sent, instead of in memory.
/// </summary>
public static class TemporaryFile
{
    public const int BufferSize = 1 << 16;

    /// <summary>A new, empty, readable and writable file named <c>herald-{name}-{random}.{extension}</c>.</summary>
    public static FileStream Create(string name, string extension) =>
        new(Path.Combine(Path.GetTempPath(), $"herald-{name}-{Guid.NewGuid():N}.{extension}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose);
}

namespace Herald.Forward;

/// <summary>
/// The machine-readable cases of a forward, written to a temporary file (deleted when this is disposed): the
/// content from its start, its media type and the attachment's file name.
/// </summary>
public sealed class ForwardDocument(Stream content, string mediaType, string fileName) : IAsyncDisposable
{
    /// <summary>Seekable; every reader starts from the beginning.</summary>
    public Stream Content { get; } = content;

    public string MediaType { get; } = mediaType;

    public string FileName { get; } = fileName;

    public long Length => Content.Length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

namespace Herald.Collect;

/// <summary>A read-only pass-through that counts the bytes read and refuses more than <paramref name="maxBytes"/>.</summary>
internal sealed class CountingStream(Stream inner, long maxBytes, string what) : ReadCountingStream(inner, ownsInner: true)
{
    protected override void OnRead(int read)
    {
        if (BytesRead > maxBytes)
            throw new InvalidDataException($"{what} is larger than the limit of {maxBytes:N0} bytes (max-download-bytes); reading stopped");
    }
}

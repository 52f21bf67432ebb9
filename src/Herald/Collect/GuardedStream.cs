namespace Herald.Collect;

/// <summary>A read-only stream over decompressed data that reports every read to an <see cref="ExpansionGuard"/>.</summary>
internal sealed class GuardedStream(Stream inner, ExpansionGuard guard, Func<long> compressedRead, string entryName)
    : ReadCountingStream(inner, ownsInner: true)
{
    protected override void OnRead(int read) => guard.Add(read, compressedRead(), entryName);
}

using Herald.Collect;

namespace Herald.Pipeline;

/// <summary>A read-only stream that reports how many bytes have been read, for progress bars.</summary>
internal sealed class ProgressStream(Stream inner, IProgress<long>? progress) : ReadCountingStream(inner, ownsInner: false)
{
    protected override void OnRead(int read) => progress?.Report(BytesRead);
}

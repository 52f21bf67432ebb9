using System.Text;

namespace Herald.Notify;

/// <summary>
/// One buffer per thread into which the parts of a warning are rendered: a warning's text and HTML are copied out of
/// it once, as their final strings, and the buffer is kept for the next warning instead of being grown anew each time.
/// </summary>
internal static class RenderBuffer
{
    /// <summary>Larger buffers (a warning with very long texts) are not kept, so a thread holds little when idle.</summary>
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? _kept;

    public static StringBuilder Take()
    {
        var buffer = _kept ?? new StringBuilder(16 * 1024);
        _kept = null;
        return buffer;
    }

    public static void Return(StringBuilder buffer)
    {
        if (buffer.Capacity <= MaxKeptCapacity) _kept = buffer.Clear();
    }
}

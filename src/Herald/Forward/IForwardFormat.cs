using System.Buffers;

namespace Herald.Forward;

/// <summary>
/// A partner's format, written one case at a time so that a forward of any size is streamed to a file: what opens
/// the document, each case, what goes between two cases, and what closes it (nothing, unless a format says so).
/// </summary>
internal interface IForwardFormat
{
    string MediaType { get; }

    void Begin(IBufferWriter<byte> output)
    {
    }

    void Case(IBufferWriter<byte> output, ForwardedCase c);

    void Between(IBufferWriter<byte> output)
    {
    }

    void End(IBufferWriter<byte> output)
    {
    }
}

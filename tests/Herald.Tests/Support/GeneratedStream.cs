namespace Herald.Tests.Support;

/// <summary>A read-only stream that produces its parts on demand, so a test can feed a parser a huge line without holding it.</summary>
internal sealed class GeneratedStream(params GeneratedStream.Part[] parts) : Stream
{
    private int _part;
    private long _offset;

    /// <summary>Bytes repeated until <paramref name="Length"/> bytes have been produced.</summary>
    public sealed record Part(byte[] Bytes, long Length)
    {
        public static Part Of(byte[] bytes) => new(bytes, bytes.Length);
        public static Part Repeat(byte value, long length) => new([value], length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _part < parts.Length)
        {
            var part = parts[_part];
            if (_offset == part.Length)
            {
                _part++;
                _offset = 0;
                continue;
            }
            var n = (int)Math.Min(buffer.Length - written, part.Length - _offset);
            for (var i = 0; i < n; i++) buffer[written + i] = part.Bytes[(int)((_offset + i) % part.Bytes.Length)];
            written += n;
            _offset += n;
        }
        return written;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

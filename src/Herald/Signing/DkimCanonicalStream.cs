using System.Buffers;
using System.Security.Cryptography;

namespace Herald.Signing;

/// <summary>
/// Receives a message as it is written for transport (CRLF line ends): keeps its header block, and hashes its body
/// in DKIM's relaxed canonical form (RFC 6376, section 3.4.4) as it passes, so the body is neither kept nor read twice.
/// </summary>
internal sealed class DkimCanonicalStream : Stream
{
    private static readonly SearchValues<byte> CrOrTab = SearchValues.Create("\r\t"u8);

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream _headers = new(2048);
    // Pooled: one stream per signed message, returned when it is disposed.
    private readonly byte[] _out = ArrayPool<byte>.Shared.Rent(8192);
    private int _outLength;
    private int _headerEnd;
    private bool _cr;
    private bool _space;
    private bool _lineHasContent;
    private bool _bodyHasContent;
    private int _lineEnds;

    /// <summary>The header block as written, up to and including the empty line that ends it.</summary>
    public ReadOnlySpan<byte> Headers => _headers.GetBuffer().AsSpan(0, (int)_headers.Length);

    /// <summary>The SHA-256 hash of the canonical body; call once, after the whole message was written.</summary>
    public byte[] BodyHash()
    {
        if (_cr) Content("\r"u8);
        _cr = false;
        // A body that has content ends with exactly one CRLF: added when missing, trailing empty lines dropped.
        if (_lineHasContent || _bodyHasContent) Emit("\r\n"u8);
        _hash.AppendData(_out, 0, _outLength);
        _outLength = 0;
        return _hash.GetHashAndReset();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_headerEnd < 4)
        {
            var i = 0;
            while (i < buffer.Length && _headerEnd < 4)
            {
                var b = buffer[i++];
                // Matching "\r\n\r\n": CR and LF alternate, so a CR always (re)starts the match.
                _headerEnd = b == "\r\n\r\n"u8[_headerEnd] ? _headerEnd + 1 : b == '\r' ? 1 : 0;
            }
            _headers.Write(buffer[..i]);
            buffer = buffer[i..];
        }
        Canonicalise(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>
    /// Relaxed body canonicalisation: whitespace at the end of a line is dropped, runs of whitespace inside a line
    /// become one space, empty lines at the end are dropped. Line ends and a pending space are held back until the
    /// next content shows they are not trailing.
    /// </summary>
    private void Canonicalise(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            if (_cr)
            {
                _cr = false;
                if (data[0] == '\n')
                {
                    _space = false;
                    _lineHasContent = false;
                    _lineEnds++;
                    data = data[1..];
                    continue;
                }
                Content("\r"u8); // a bare CR is content
            }
            var next = data.IndexOfAny(CrOrTab);
            var segment = next < 0 ? data : data[..next];
            if (segment.Length > 0) Segment(segment);
            data = data[segment.Length..];
            if (data.Length == 0) break;
            if (data[0] == '\r') _cr = true;
            else _space = true;
            data = data[1..];
        }
    }

    /// <summary>
    /// Text without CR or tab. Spaces at its end are held back (a CR may follow); the rest is copied in one piece
    /// unless it holds a run of spaces to make one, which is rare in quoted-printable and HTML.
    /// </summary>
    private void Segment(ReadOnlySpan<byte> segment)
    {
        var text = segment.TrimEnd((byte)' ');
        var trailingSpace = text.Length < segment.Length;
        if (text.Length > 0)
        {
            if (text.IndexOf("  "u8) < 0 && !(_space && text[0] == ' '))
            {
                Content(text);
            }
            else
            {
                while (text.Length > 0)
                {
                    var space = text.IndexOf((byte)' ');
                    if (space != 0)
                    {
                        var run = space < 0 ? text : text[..space];
                        Content(run);
                        text = text[run.Length..];
                        continue;
                    }
                    _space = true;
                    text = text[1..];
                }
            }
        }
        if (trailingSpace) _space = true;
    }

    private void Content(ReadOnlySpan<byte> run)
    {
        for (; _lineEnds > 0; _lineEnds--) Emit("\r\n"u8);
        if (_space)
        {
            Emit(" "u8);
            _space = false;
        }
        Emit(run);
        _lineHasContent = true;
        _bodyHasContent = true;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        if (_outLength + bytes.Length > _out.Length)
        {
            _hash.AppendData(_out, 0, _outLength);
            _outLength = 0;
            if (bytes.Length > _out.Length)
            {
                _hash.AppendData(bytes);
                return;
            }
        }
        bytes.CopyTo(_out.AsSpan(_outLength));
        _outLength += bytes.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _headers.Dispose();
            ArrayPool<byte>.Shared.Return(_out);
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

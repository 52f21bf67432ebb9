using System.Buffers;
using System.Text;

namespace Herald.Notify;

/// <summary>
/// Quoted-printable (RFC 2045, section 6.7) of UTF-8 text with LF line ends, as MimeKit keeps encoded parts (it writes
/// them with CRLF on the wire): lines of at most 76 characters with their soft break, a blank before a line end
/// encoded, CRLF in the text made a line end and a lone CR encoded. Runs of plain characters are copied in one piece.
/// </summary>
internal static class QuotedPrintable
{
    /// <summary>Characters on a line before its soft break ('=' makes the 76 that RFC 2045 allows).</summary>
    private const int LineLength = 75;

    /// <summary>Printable ASCII but '=', and the space: written as they are (a space but at the end of a line).</summary>
    private static readonly SearchValues<byte> Plain = SearchValues.Create(
        " !\"#$%&'()*+,-./0123456789:;<>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    public static byte[] Encode(string text)
    {
        var input = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, input);
        // At worst every byte as =XX, a soft break per 25 of them, and the closing soft break.
        var output = ArrayPool<byte>.Shared.Rent(length * 3 + (length / 25 + 2) * 2);
        var written = Encode(input.AsSpan(0, length), output);
        var encoded = output.AsSpan(0, written).ToArray();
        ArrayPool<byte>.Shared.Return(output);
        ArrayPool<byte>.Shared.Return(input);
        return encoded;
    }

    private static int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var writer = new Writer(output);
        var i = 0;
        while (i < input.Length)
        {
            var run = input[i..].IndexOfAnyExcept(Plain);
            if (run < 0) run = input.Length - i;
            // A space that ends the line (or the text) is left for the blank rule below.
            if (run > 0 && input[i + run - 1] == ' ' && EndsLine(input, i + run)) run--;
            writer.Plain(input.Slice(i, run));
            i += run;
            if (i == input.Length) break;
            var c = input[i++];
            if (c == '\n' || (c == '\r' && i < input.Length && input[i] == '\n'))
            {
                if (c == '\r') i++;
                writer.LineEnd();
            }
            else if (c is (byte)' ' or (byte)'\t')
            {
                // A blank at the end of a line (or of the text) would be lost in transport: encoded there, plain elsewhere.
                if (EndsLine(input, i)) writer.Escaped(c);
                else writer.Plain(c == (byte)' ' ? " "u8 : "\t"u8);
            }
            else
            {
                writer.Escaped(c);
            }
        }
        return writer.End();
    }

    /// <summary>True when the text ends at <paramref name="i"/> or a line break (LF or CRLF) starts there.</summary>
    private static bool EndsLine(ReadOnlySpan<byte> input, int i) =>
        i == input.Length || input[i] == '\n' || (input[i] == '\r' && i + 1 < input.Length && input[i + 1] == '\n');

    private ref struct Writer(Span<byte> output)
    {
        private readonly Span<byte> _output = output;
        private int _length;
        private int _line;

        public void Plain(ReadOnlySpan<byte> run)
        {
            while (run.Length > 0)
            {
                if (_line == LineLength) SoftBreak();
                var n = Math.Min(run.Length, LineLength - _line);
                run[..n].CopyTo(_output[_length..]);
                _length += n;
                _line += n;
                run = run[n..];
            }
        }

        public void Escaped(byte c)
        {
            if (_line + 3 > LineLength) SoftBreak();
            _output[_length++] = (byte)'=';
            _output[_length++] = Hex[c >> 4];
            _output[_length++] = Hex[c & 0xf];
            _line += 3;
        }

        public void LineEnd()
        {
            _output[_length++] = (byte)'\n';
            _line = 0;
        }

        /// <summary>Text that does not end with a line break ends with a soft one, so none is added when it is decoded.</summary>
        public int End()
        {
            if (_line > 0) SoftBreak();
            return _length;
        }

        private void SoftBreak()
        {
            _output[_length++] = (byte)'=';
            _output[_length++] = (byte)'\n';
            _line = 0;
        }
    }
}

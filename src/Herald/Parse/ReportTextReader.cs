using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Herald.Parse;

/// <summary>
/// A report's text, read from its bytes one whole line at a time with bounded memory, for every line-based parser.
/// </summary>
/// <remarks>
/// A line longer than <see cref="ParseLimits.MaxLineBytes"/> is never buffered whole: its start is kept for the
/// rejection, the rest is skipped up to the next line break, and the line reads as empty so that the line numbers
/// stay those of the file. A line with invalid UTF-8 is decoded with each bad sequence replaced by U+FFFD and kept.
/// Both are remembered as a <see cref="LineProblem"/> that the parser takes with <see cref="TakeProblem"/>.
/// </remarks>
public sealed class ReportTextReader : TextReader
{
    private const int KeptPrefix = 256;
    private static readonly Encoding Lenient = new UTF8Encoding(false, false);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _maxLineBytes;
    private readonly byte[] _input = new byte[1 << 16];
    private int _inputStart;
    private int _inputEnd;
    private bool _endOfStream;
    private byte[] _line = new byte[1024];
    private int _lineLength;
    private long _skippedBytes;
    private char[] _output = new char[1024];
    private int _outputStart;
    private int _outputEnd;
    private readonly SortedDictionary<long, LineProblem> _problems = [];

    public ReportTextReader(Stream stream, ParseLimits? limits = null, bool leaveOpen = true)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxLineBytes = (limits ?? ParseLimits.Default).MaxLineBytes;
    }

    /// <summary>The number of the last line read so far (from 1).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Takes the problem found on <paramref name="line"/>, if any.</summary>
    public LineProblem? TakeProblem(long line) => _problems.Remove(line, out var problem) ? problem : null;

    /// <summary>Takes the problems on lines from <paramref name="from"/> up to but not including <paramref name="to"/>.</summary>
    public List<LineProblem>? TakeProblems(long from, long to)
    {
        List<LineProblem>? found = null;
        if (_problems.Count == 0) return null;
        for (var line = from; line < to; line++)
            if (TakeProblem(line) is { } p) (found ??= []).Add(p);
        return found;
    }

    /// <summary>Takes every problem not taken yet (lines a parser never saw alone, such as inside a quoted CSV field).</summary>
    public List<LineProblem> TakeRemainingProblems()
    {
        var all = _problems.Values.ToList();
        _problems.Clear();
        return all;
    }

    public override int Read(Span<char> buffer)
    {
        if (_outputStart == _outputEnd && !NextLine()) return 0;
        var n = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, n).CopyTo(buffer);
        _outputStart += n;
        return n;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        if (_outputStart == _outputEnd && !NextLine()) return -1;
        return _output[_outputStart++];
    }

    public override int Peek()
    {
        if (_outputStart == _outputEnd && !NextLine()) return -1;
        return _output[_outputStart];
    }

    /// <summary>The rest of the current line without its line break; the whole next line when the current one is used up.</summary>
    public override string? ReadLine()
    {
        if (_outputStart == _outputEnd && !NextLine()) return null;
        var line = _output.AsSpan(_outputStart, _outputEnd - _outputStart);
        _outputStart = _outputEnd;
        if (line.EndsWith("\n")) line = line[..^1];
        if (line.EndsWith("\r")) line = line[..^1];
        return line.ToString();
    }

    /// <summary>Decodes the next whole line into the output buffer; false at the end of the stream.</summary>
    private bool NextLine()
    {
        _outputStart = _outputEnd = 0;
        while (true)
        {
            if (_inputStart == _inputEnd)
            {
                if (_endOfStream || !Fill())
                {
                    if (_lineLength == 0 && _skippedBytes == 0) return false;
                    EndLine(_line.AsSpan(0, _lineLength));
                    return true;
                }
            }
            var pending = _input.AsSpan(_inputStart, _inputEnd - _inputStart);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var part = pending[..(newline + 1)];
                _inputStart += newline + 1;
                // The common case decodes straight from the input buffer, with no copy.
                if (_lineLength == 0 && _skippedBytes == 0 && part.Length - 1 <= _maxLineBytes) EndLine(part);
                else
                {
                    Append(part);
                    EndLine(_line.AsSpan(0, _lineLength));
                }
                return true;
            }
            Append(pending);
            _inputStart = _inputEnd;
        }
    }

    private bool Fill()
    {
        _inputStart = 0;
        _inputEnd = _stream.Read(_input, 0, _input.Length);
        if (_inputEnd == 0) _endOfStream = true;
        return _inputEnd > 0;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_skippedBytes > 0)
        {
            _skippedBytes += part.Length;
            return;
        }
        // The line break does not count towards the limit.
        var length = part.EndsWith("\n"u8) ? part.Length - 1 : part.Length;
        if (_lineLength + length > _maxLineBytes)
        {
            // Keep only the start for the rejection; count the rest without holding it.
            var keep = Math.Max(0, Math.Min(part.Length, KeptPrefix - _lineLength));
            Grow(_lineLength + keep);
            part[..keep].CopyTo(_line.AsSpan(_lineLength));
            _skippedBytes = _lineLength + part.Length;
            _lineLength += keep;
            return;
        }
        Grow(_lineLength + part.Length);
        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += part.Length;
    }

    private void Grow(int size)
    {
        if (size > _line.Length) Array.Resize(ref _line, Math.Max(size, Math.Min(_line.Length * 2, _maxLineBytes + 2)));
    }

    private void EndLine(ReadOnlySpan<byte> bytes)
    {
        LineNumber++;
        if (LineNumber == 1 && bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (_skippedBytes > 0)
        {
            var start = Lenient.GetString(bytes[..Math.Min(bytes.Length, KeptPrefix)]);
            var length = _endOfStream ? _skippedBytes : _skippedBytes - 1;
            _problems[LineNumber] = new LineProblem(LineNumber, start + "…",
                $"the line is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes long, over the limit of " +
                $"{_maxLineBytes.ToString("N0", CultureInfo.InvariantCulture)}; it was skipped", Skipped: true);
            // Called at a line break unless the stream ended inside the line.
            Emit(_endOfStream ? [] : "\n"u8);
        }
        else
        {
            if (!IsValidUtf8(bytes, out var at))
                _problems[LineNumber] = new LineProblem(LineNumber, "", $"invalid UTF-8 at byte {at + 1} of the line; replaced by U+FFFD", Skipped: false);
            Emit(bytes);
        }
        _lineLength = 0;
        _skippedBytes = 0;
        if (_line.Length > 1 << 16) _line = new byte[1024];
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes, out int invalidAt)
    {
        if (Utf8.IsValid(bytes))
        {
            invalidAt = -1;
            return true;
        }
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        invalidAt = status == System.Buffers.OperationStatus.Done ? 0 : read;
        return false;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        var needed = Lenient.GetMaxCharCount(bytes.Length);
        if (needed > _output.Length) _output = new char[Math.Max(needed, _output.Length * 2)];
        else if (_output.Length > 1 << 16 && needed < 1024) _output = new char[1024];
        _outputEnd = Lenient.GetChars(bytes, _output);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen) _stream.Dispose();
        base.Dispose(disposing);
    }
}

using System.IO.Compression;
using System.Text;

namespace Herald.Contacts;

/// <summary>
/// Streams RPSL objects (RFC 2622, as in the RIPE database split files): objects separated by blank lines,
/// <c>key: value</c> attributes, continuation lines starting with white space or <c>+</c>, <c>%</c> and <c>#</c>
/// comment lines and end-of-line <c>#</c> comments. Gzip input is recognised by its magic bytes.
/// </summary>
public static class RpslReader
{
    private const int MaxAttributes = 2000;
    private const int MaxValueLength = 64 * 1024;

    /// <summary>Opens a file, unpacking it when it is gzip.</summary>
    public static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The objects of <paramref name="content"/>; lines that are not RPSL go to <paramref name="problem"/> with their line number.</summary>
    public static IEnumerable<RpslObject> Read(Stream content, string source, Action<long, string> problem, CancellationToken cancellationToken)
    {
        // RIPE's files are Latin-1; reading them as such never fails on a byte.
        using var reader = new StreamReader(content, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var attributes = new List<KeyValuePair<string, string>>();
        long lineNumber = 0, start = 0;
        var skipping = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if ((lineNumber & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                if (attributes.Count > 0 && !skipping) yield return new RpslObject(source, start, attributes);
                attributes = [];
                skipping = false;
                continue;
            }
            if (line[0] is '%' or '#') continue;
            if (skipping) continue;
            if (line[0] is ' ' or '\t' or '+')
            {
                if (attributes.Count == 0)
                {
                    problem(lineNumber, "a continuation line with no attribute before it");
                    continue;
                }
                var (key, value) = attributes[^1];
                var more = StripComment(line.AsSpan(1));
                if (value.Length + more.Length > MaxValueLength)
                {
                    problem(lineNumber, $"the value of '{key}' is longer than {MaxValueLength} characters: object skipped");
                    skipping = true;
                    continue;
                }
                attributes[^1] = new(key, value.Length == 0 ? more : more.Length == 0 ? value : value + " " + more);
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsKey(line.AsSpan(0, colon)))
            {
                problem(lineNumber, "not an RPSL attribute ('key: value'): object skipped");
                skipping = true;
                continue;
            }
            if (attributes.Count == 0) start = lineNumber;
            if (attributes.Count >= MaxAttributes)
            {
                problem(lineNumber, $"more than {MaxAttributes} attributes: object skipped");
                skipping = true;
                continue;
            }
            attributes.Add(new(line[..colon].ToLowerInvariant(), StripComment(line.AsSpan(colon + 1))));
        }
        if (attributes.Count > 0 && !skipping) yield return new RpslObject(source, start, attributes);
    }

    private static string StripComment(ReadOnlySpan<char> value)
    {
        var hash = value.IndexOf('#');
        if (hash >= 0) value = value[..hash];
        return value.Trim().ToString();
    }

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }
}

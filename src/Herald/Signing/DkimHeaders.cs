using System.Buffers;
using System.Text;

namespace Herald.Signing;

/// <summary>
/// The header side of a DKIM signature: which header fields of a written header block are signed, bottom-most
/// instance first (RFC 6376, section 5.4.2), in the relaxed canonical form (section 3.4.2).
/// </summary>
internal static class DkimHeaders
{
    /// <summary>
    /// Appends the canonical form of every field named in <paramref name="names"/> (in that order) and returns the
    /// h= value; the names in <paramref name="oversigned"/> are listed once more than they occur (RFC 6376, 8.15).
    /// </summary>
    public static string AppendSigned(ReadOnlySpan<byte> block, IReadOnlyList<string> names, IReadOnlyList<string> oversigned, ArrayBufferWriter<byte> output)
    {
        var fields = Fields(block);
        var used = new bool[fields.Count];
        var h = new List<string>(names.Count + oversigned.Count);
        foreach (var name in names)
        {
            for (var i = fields.Count - 1; i >= 0; i--)
            {
                if (used[i] || !Ascii.EqualsIgnoreCase(Name(block[fields[i]]), name)) continue;
                used[i] = true;
                AppendRelaxed(block[fields[i]], output);
                h.Add(name);
            }
            // Listed once more than it occurs: a verifier then fails a message to which such a field was added.
            if (oversigned.Contains(name, StringComparer.Ordinal)) h.Add(name);
        }
        return string.Join(':', h);
    }

    /// <summary>
    /// One field (name, colon, value, CRLF) in relaxed form: the name in lower case, the value unfolded, runs of
    /// whitespace made one space, whitespace around the colon and at the end dropped; ends with CRLF.
    /// </summary>
    public static void AppendRelaxed(ReadOnlySpan<byte> field, ArrayBufferWriter<byte> output)
    {
        var colon = field.IndexOf((byte)':');
        var name = field[..colon].TrimEnd(" \t"u8);
        var span = output.GetSpan(field.Length + 2);
        var n = Ascii.ToLower(name, span, out var written) == OperationStatus.Done ? written : throw new FormatException("A header field name is not ASCII.");
        span[n++] = (byte)':';
        var value = field[(colon + 1)..];
        var space = false;
        var any = false;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                i++; // unfolding: a line break inside a field is not part of its value
                continue;
            }
            if (b is (byte)' ' or (byte)'\t')
            {
                space = true;
                continue;
            }
            if (space && any) span[n++] = (byte)' ';
            span[n++] = b;
            space = false;
            any = true;
        }
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        output.Advance(n);
    }

    /// <summary>The fields of a header block as ranges, each with its continuation lines and final CRLF.</summary>
    private static List<Range> Fields(ReadOnlySpan<byte> block)
    {
        var fields = new List<Range>(16);
        var start = -1;
        var line = 0;
        while (line < block.Length)
        {
            var length = block[line..].IndexOf("\r\n"u8);
            if (length == 0) break; // the empty line that ends the header block
            var next = length < 0 ? block.Length : line + length + 2;
            if (block[line] is not ((byte)' ' or (byte)'\t'))
            {
                if (start >= 0) fields.Add(start..line);
                start = line;
            }
            line = next;
        }
        if (start >= 0) fields.Add(start..line);
        return fields;
    }

    private static ReadOnlySpan<byte> Name(ReadOnlySpan<byte> field)
    {
        var colon = field.IndexOf((byte)':');
        return colon < 0 ? [] : field[..colon].TrimEnd(" \t"u8);
    }
}

using System.Globalization;
using MimeKit;

namespace Herald.Notify;

/// <summary>All affected assets of a warning as CSV, for the attachment when the text cannot list them all.</summary>
public static class AssetsCsv
{
    public const string Header = "ip,port,transport,hostname,seen_utc,identifier,vulnerabilities,organisation\n";

    /// <summary>Writes the header line and one line per asset, streamed: the whole CSV never exists in memory.</summary>
    public static void Write(IEnumerable<AffectedAsset> assets, TextWriter output)
    {
        output.Write(Header);
        foreach (var a in assets) WriteRow(a, output);
    }

    /// <summary>Writes one asset as one CSV line.</summary>
    public static void WriteRow(AffectedAsset a, TextWriter output)
    {
        output.Write(Cell(a.Ip));
        output.Write(',');
        if (a.Port is { } port) output.Write(port.ToString(CultureInfo.InvariantCulture));
        output.Write(',');
        output.Write(Cell(a.Transport));
        output.Write(',');
        output.Write(Cell(a.HostName));
        output.Write(',');
        output.Write(a.SeenAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        output.Write(',');
        output.Write(Cell(a.Identifier));
        output.Write(',');
        output.Write(Cell(string.Join(' ', a.Vulnerabilities)));
        output.Write(',');
        output.Write(Cell(a.Organisation));
        output.Write('\n');
    }

    /// <summary>
    /// The attachment over <paramref name="csv"/> (UTF-8, seekable): MimeKit reads it where it is each time the
    /// message is signed or written, so the bytes are the same for the pickup folder, SMTP and every retry.
    /// </summary>
    public static MimePart Attachment(string fileName, Stream csv)
    {
        // Headers in the order MimeKit gives an attachment it copies into memory, and the same choice of encoding:
        // the first that 7-bit transports accept.
        var part = new TextPart("csv");
        part.ContentType.Charset = "utf-8";
        part.ContentType.Name = fileName;
        part.Content = new MimeContent(csv);
        part.ContentTransferEncoding = part.GetBestEncoding(EncodingConstraint.SevenBit);
        part.FileName = fileName;
        part.IsAttachment = true;
        return part;
    }

    /// <summary>Quotes a CSV cell and defuses spreadsheet formulas (a cell may come from a report).</summary>
    private static string Cell(string? value)
    {
        value = Registry.CsvText.Defused(value);
        if (string.IsNullOrEmpty(value)) return "";
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

using System.Globalization;
using System.Text;

namespace Herald.Notify;

/// <summary>All affected assets of a warning as CSV, for the attachment when the text cannot list them all.</summary>
public static class AssetsCsv
{
    public static string Write(IReadOnlyList<AffectedAsset> assets)
    {
        var csv = new StringBuilder("ip,port,transport,hostname,seen_utc,identifier,vulnerabilities,organisation\n");
        foreach (var a in assets)
        {
            csv.Append(Cell(a.Ip)).Append(',').Append(a.Port?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(a.Transport)).Append(',').Append(Cell(a.HostName)).Append(',')
                .Append(a.SeenAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(a.Identifier)).Append(',').Append(Cell(string.Join(' ', a.Vulnerabilities))).Append(',')
                .Append(Cell(a.Organisation)).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Quotes a CSV cell and defuses spreadsheet formulas (a cell may come from a report).</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

using System.Text;

namespace Herald.Registry;

/// <summary>RFC 4180 quoting for the CSV files Herald writes.</summary>
internal static class CsvText
{
    /// <summary>Appends a field, quoted only when it must be (a separator, quote, line break or edge space in it).</summary>
    public static StringBuilder Field(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value)) return line;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0 && value[0] != ' ' && value[^1] != ' ') return line.Append(value);
        return Quoted(line, value);
    }

    /// <summary>
    /// The value with a leading apostrophe when a spreadsheet would run it as a formula (it starts with =, +, -, @, a
    /// tab or a carriage return): for every cell whose text comes from a report.
    /// </summary>
    public static string? Defused(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>Appends a field in quotes, doubling the quotes inside, as Shadowserver writes text.</summary>
    public static StringBuilder Quoted(StringBuilder line, string value)
    {
        line.Append('"');
        foreach (var c in value)
        {
            if (c == '"') line.Append('"');
            line.Append(c);
        }
        return line.Append('"');
    }
}

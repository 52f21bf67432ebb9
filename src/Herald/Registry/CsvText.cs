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

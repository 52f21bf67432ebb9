using System.Text;

namespace Herald.Parse;

/// <summary>Names of the report formats and the guess of a file's format from its name and first bytes.</summary>
public static class ReportFormats
{
    /// <summary>The names the CLI and the stored reports use, by format.</summary>
    public static string Name(ReportFormat format) => format switch
    {
        ReportFormat.Auto => "auto",
        ReportFormat.Shadowserver => "shadowserver",
        ReportFormat.IntelMq => "intelmq",
        ReportFormat.Xarf => "xarf",
        ReportFormat.Mapped => "mapped",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The names a user may give with <c>--format</c>.</summary>
    public static readonly string[] InputNames = ["auto", "shadowserver", "intelmq", "xarf"];

    public static ReportFormat Parse(string name) =>
        Enum.GetValues<ReportFormat>().FirstOrDefault(f => Name(f).Equals(name, StringComparison.OrdinalIgnoreCase), ReportFormat.Auto);

    /// <summary>
    /// Guesses the format: a JSON object that carries <c>xarf_version</c> is X-ARF, other JSON is IntelMQ events,
    /// anything else is a Shadowserver CSV. The stream is read from its start and left there.
    /// </summary>
    public static ReportFormat Detect(Stream content)
    {
        var start = new byte[4096];
        var read = content.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var head = Encoding.UTF8.GetString(start, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.Length == 0 || (head[0] != '{' && head[0] != '[')) return ReportFormat.Shadowserver;
        return head.Contains("\"xarf_version\"", StringComparison.Ordinal) ? ReportFormat.Xarf : ReportFormat.IntelMq;
    }
}

namespace Herald.Parse;

/// <summary>What <see cref="ReportTextReader"/> found wrong with one line of a report.</summary>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Raw">The line, or its start when it was too long to keep.</param>
/// <param name="Reason">Why the line is suspect.</param>
/// <param name="Skipped">True when the line was left out (too long); false when it was kept with its invalid bytes replaced.</param>
public sealed record LineProblem(long Line, string Raw, string Reason, bool Skipped)
{
    /// <summary>The extra field that marks an event read from a line with invalid UTF-8 (each bad byte became U+FFFD).</summary>
    public const string InvalidUtf8Flag = "invalid_utf8";
}

namespace Herald.Parse;

/// <summary>Turns a report's bytes into events and rejections, streaming.</summary>
public interface IReportParser
{
    /// <summary>Reads the report; a problem with the whole report (unknown type, wrong header) is a rejection at line 1.</summary>
    IEnumerable<ParsedRow> Parse(Stream content, ParseContext context, CancellationToken cancellationToken);

    /// <summary>The report type a file of this name is read as when none is given, or null when the name does not tell.</summary>
    string? ReportTypeOf(string fileName) => null;
}

using System.Text;
using Herald.Events;
using Herald.Notify;
using Herald.Decide;
using Herald.Parse;
using Herald.Tests.Support;

namespace Herald.Tests.Parse;

/// <summary>Reports built to hurt: huge lines, broken UTF-8, deep JSON, too many fields, formulas for spreadsheets.</summary>
public sealed class HostileInputTests
{
    private const long FiftyMegabytes = 50L << 20;
    private static readonly DateTimeOffset Now = Reports.ReceivedAt;
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static List<ParsedRow> Run(IReportParser parser, Stream content, string fileName = "scan_http_vulnerable.csv") =>
        [.. parser.Parse(content, new ParseContext(fileName, null, Now), CancellationToken.None)];

    /// <summary>Parses on this thread and says how many bytes the parse allocated, which shows nothing held the whole line.</summary>
    private static (List<ParsedRow> Rows, long Allocated) Measure(IReportParser parser, Stream content, string fileName = "scan_http_vulnerable.csv")
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var rows = Run(parser, content, fileName);
        return (rows, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_50_MB_line_in_a_CSV_report_is_rejected_with_its_number_without_being_buffered()
    {
        using var content = new GeneratedStream(
            GeneratedStream.Part.Of(Utf8(ShadowserverBrokenInputTests.Header + "\n" + ShadowserverBrokenInputTests.Row1 + "\n")),
            GeneratedStream.Part.Repeat((byte)'A', FiftyMegabytes),
            GeneratedStream.Part.Of(Utf8("\n" + ShadowserverBrokenInputTests.Row2 + "\n")));

        var (rows, allocated) = Measure(new ShadowserverParser(ShadowserverBrokenInputTests.Schema), content);

        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.Line));
        Assert.NotNull(rows[0].Event);
        Assert.NotNull(rows[2].Event);
        var rejection = rows[1].Rejection!;
        Assert.Contains("52,428,800 bytes long, over the limit of 1,048,576", rejection.Reason, StringComparison.Ordinal);
        Assert.StartsWith("AAAA", rejection.Raw, StringComparison.Ordinal);
        Assert.True(rejection.Raw.Length < 300);
        Assert.True(allocated < 8L << 20, $"parsing allocated {allocated:N0} bytes for a 50 MB line");
    }

    [Fact]
    public void A_50_MB_line_of_IntelMQ_JSON_is_rejected_with_its_number_without_being_buffered()
    {
        var good = Utf8("""{"source.ip":"192.0.2.1","time.source":"2026-11-01T10:00:00+00:00"}""" + "\n");
        using var content = new GeneratedStream(
            GeneratedStream.Part.Of(good),
            GeneratedStream.Part.Of(Utf8("{\"extra.x\":\"")),
            GeneratedStream.Part.Repeat((byte)'x', FiftyMegabytes),
            GeneratedStream.Part.Of(Utf8("\"}\n")),
            GeneratedStream.Part.Of(good));

        var (rows, allocated) = Measure(new IntelMqJsonParser(), content, "events.jsonl");

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Line));
        Assert.NotNull(rows[0].Event);
        Assert.Contains("over the limit", rows[1].Rejection!.Reason, StringComparison.Ordinal);
        Assert.NotNull(rows[2].Event);
        Assert.True(allocated < 8L << 20, $"parsing allocated {allocated:N0} bytes for a 50 MB line");
    }

    [Fact]
    public void The_line_limit_comes_from_the_options()
    {
        var limits = new ParseLimits { MaxLineBytes = 300 };
        var longRow = ShadowserverBrokenInputTests.Row1.Replace("host1.example.nl", new string('h', 400) + ".example.nl", StringComparison.Ordinal);
        var csv = string.Join('\n', ShadowserverBrokenInputTests.Header, longRow, ShadowserverBrokenInputTests.Row2);

        var rows = Run(new ShadowserverParser(ShadowserverBrokenInputTests.Schema, limits), new MemoryStream(Utf8(csv)));

        Assert.Contains("over the limit of 300", rows[0].Rejection!.Reason, StringComparison.Ordinal);
        Assert.NotNull(rows[1].Event);
    }

    [Fact]
    public void A_header_over_the_line_limit_rejects_the_report_at_line_1()
    {
        var limits = new ParseLimits { MaxLineBytes = 256 };
        var csv = ShadowserverBrokenInputTests.Header + "," + new string('c', 300) + "\n" + ShadowserverBrokenInputTests.Row1;

        var rejection = Assert.Single(Run(new ShadowserverParser(ShadowserverBrokenInputTests.Schema, limits), new MemoryStream(Utf8(csv)))).Rejection!;

        Assert.Equal(1, rejection.Line);
        Assert.StartsWith("the header cannot be read: the line is", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_more_columns_than_the_limit_is_rejected()
    {
        var limits = new ParseLimits { MaxFields = 20 };
        var wide = ShadowserverBrokenInputTests.Row1 + new string(',', 30);
        var csv = string.Join('\n', ShadowserverBrokenInputTests.Header, wide, ShadowserverBrokenInputTests.Row2);

        var rows = Run(new ShadowserverParser(ShadowserverBrokenInputTests.Schema, limits), new MemoryStream(Utf8(csv)));

        Assert.Contains("over the limit of 20", rows[0].Rejection!.Reason, StringComparison.Ordinal);
        Assert.NotNull(rows[1].Event);
    }

    [Fact]
    public void Invalid_UTF_8_is_replaced_and_the_event_flagged_in_CSV()
    {
        var bytes = Utf8(ShadowserverBrokenInputTests.Header + "\n" + ShadowserverBrokenInputTests.Row1.Replace("host1", "host\u0001", StringComparison.Ordinal) + "\n" + ShadowserverBrokenInputTests.Row2);
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xC3; // a lead byte without its continuation

        var rows = Run(new ShadowserverParser(ShadowserverBrokenInputTests.Schema), new MemoryStream(bytes));

        Assert.Equal(true, rows[0].Event!.Extra[LineProblem.InvalidUtf8Flag]);
        Assert.Contains('\uFFFD', rows[0].Event!.Raw!);
        Assert.False(rows[1].Event!.Extra.ContainsKey(LineProblem.InvalidUtf8Flag));
    }

    [Fact]
    public void Invalid_UTF_8_in_an_IntelMQ_line_is_replaced_and_the_event_flagged()
    {
        var bytes = Utf8("""{"source.ip":"192.0.2.1","extra.name":"caf?"}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;

        var e = Assert.Single(Run(new IntelMqJsonParser(), new MemoryStream(bytes), "e.jsonl")).Event!;

        Assert.Equal("caf\uFFFD", e.Extra["name"]);
        Assert.Equal(true, e.Extra[LineProblem.InvalidUtf8Flag]);
    }

    [Fact]
    public void Deeply_nested_IntelMQ_JSON_is_a_rejection_not_a_stack_overflow()
    {
        var deep = "{\"source.ip\":\"192.0.2.1\",\"extra\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        var rejection = Assert.Single(Run(new IntelMqJsonParser(), new MemoryStream(Utf8(deep)), "e.jsonl")).Rejection!;

        Assert.Equal(1, rejection.Line);
        Assert.Contains("depth", rejection.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_report_text_reader_keeps_line_numbers_across_CRLF_a_BOM_and_a_last_line_without_a_break()
    {
        using var reader = new ReportTextReader(new MemoryStream(Utf8("\uFEFFone\r\n\r\nthree")));

        Assert.Equal("one", reader.ReadLine());
        Assert.Equal(1, reader.LineNumber);
        Assert.Equal("", reader.ReadLine());
        Assert.Equal("three", reader.ReadLine());
        Assert.Equal(3, reader.LineNumber);
        Assert.Null(reader.ReadLine());
    }

    [Fact]
    public void An_over_long_last_line_without_a_break_is_reported_too()
    {
        using var reader = new ReportTextReader(new MemoryStream(Utf8("ok\n" + new string('x', 1000))), new ParseLimits { MaxLineBytes = 256 });

        Assert.Equal("ok", reader.ReadLine());
        Assert.Equal("", reader.ReadLine());
        var problem = reader.TakeProblem(2)!;
        Assert.True(problem.Skipped);
        Assert.Contains("1,000 bytes long", problem.Reason, StringComparison.Ordinal);
        Assert.Null(reader.ReadLine());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_defused_in_the_warning_attachment(string hostile)
    {
        var asset = new AffectedAsset("192.0.2.1", 443, "tcp", hostile, Now, "vulnerable-http", "vulnerable-system", "feed", [], hostile);

        var output = new StringWriter();
        AssetsCsv.Write([asset], output);
        var csv = output.ToString();

        var row = csv.Split('\n')[1];
        Assert.DoesNotContain("," + hostile, row, StringComparison.Ordinal);
        Assert.Contains("'" + hostile[..1], row, StringComparison.Ordinal);
    }
}

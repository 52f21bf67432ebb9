using System.Net;
using System.Net.Sockets;
using System.Text;
using Herald.Parse;
using Herald.Registry;
using Herald.Storage;
using static Herald.Tests.Registry.RegistryTestPaths;

namespace Herald.Tests.Registry;

/// <summary>Synthetic Shadowserver reports: the real format, parseable without rejections, deterministic, streamed.</summary>
public sealed class SyntheticReportTests
{
    private static readonly DateOnly Date = new(2026, 11, 1);
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A mapping of our own, as the published schema has it, for the tests that need no published schema.</summary>
    private static readonly ReportMapping HttpVulnerable = new(
        "scan_http_vulnerable", "Vulnerable-HTTP", "scan_http_vulnerable",
        [new("time.source", "timestamp", Conversion.AddUtcToTimestamp), new("source.ip", "ip", Conversion.ValidateIp), new("source.port", "port", Conversion.ConvertInt)],
        [
            new("protocol.transport", "protocol", Conversion.None), new("source.reverse_dns", "hostname", Conversion.None),
            new("extra.", "tag", Conversion.ValidateToNone), new("source.asn", "asn", Conversion.InvalidateZero),
            new("source.geolocation.cc", "geo", Conversion.None), new("extra.", "http_code", Conversion.ConvertInt),
            new("extra.", "http_date", Conversion.ConvertDate), new("product.vulnerabilities", "tag", Conversion.ExtractCveFromTag),
        ],
        new Dictionary<string, string> { ["classification.identifier"] = "vulnerable-http" });

    [Fact]
    public void The_file_name_is_the_one_Shadowserver_gives()
    {
        Assert.Equal("2026-11-01-scan_http_vulnerable-nl-geo.csv", SyntheticReport.FileName(Date, "scan_http_vulnerable"));
        Assert.Equal("2026-11-01-scan_http_vulnerable-nl-geo.csv", new SyntheticReport(HttpVulnerable, null).FileName(Date));
    }

    [Fact]
    public async Task The_header_is_every_column_of_the_mapping_once_quoted_as_in_real_reports()
    {
        var text = await WriteAsync(HttpVulnerable, 3, Registry(null).InRegistry, seed: 1);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"timestamp\",\"ip\",\"port\",\"protocol\",\"hostname\",\"tag\",\"asn\",\"geo\",\"http_code\",\"http_date\"", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Matches("^\"2026-11-01 [0-9]{2}:[0-9]{2}:[0-9]{2}\",\"[0-9.]+\",[0-9]+,\"tcp\",", lines[1]);
        Assert.Contains("\"cve-", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_report_and_another_seed_another()
    {
        var addresses = Registry(null);
        var picker = SyntheticAddresses.Mix((1, addresses.InRegistry), (1, addresses.DutchUnregistered), (1, addresses.Abroad));

        var first = await WriteAsync(HttpVulnerable, 500, picker, seed: 5);
        var again = await WriteAsync(HttpVulnerable, 500, picker, seed: 5);
        var other = await WriteAsync(HttpVulnerable, 500, picker, seed: 6);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Rows_are_streamed_to_the_writer_a_few_hundred_at_a_time_however_many_are_asked()
    {
        long picked = 0;
        var addresses = Registry(null);
        AddressPicker counting = (random, family) =>
        {
            picked++;
            return addresses.InRegistry(random, family);
        };
        var writer = new ChunkCountingWriter(() => picked);

        var rows = await new SyntheticReport(HttpVulnerable, null).WriteAsync(writer, 200_000, Date, counting, 1, CancellationToken.None);

        Assert.Equal(200_000, rows);
        Assert.Equal(200_001, writer.Lines);
        // Rows made between two writes: what the report holds in memory at most.
        Assert.InRange(writer.MostRowsBetweenWrites, 1, 2_000);
    }

    [Fact]
    public async Task Writing_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SyntheticReport(HttpVulnerable, null).WriteAsync(TextWriter.Null, 1_000_000, Date, Registry(null).InRegistry, 1, cancel.Token));
    }

    [Fact]
    public async Task A_scan_http_vulnerable_report_parses_into_one_event_per_row_without_rejections()
    {
        var schema = ShadowserverSchema.Load(SchemaPath);
        var mapping = schema.Find("scan_http_vulnerable")!;
        var addresses = Registry(null);
        var report = new SyntheticReport(mapping, null);
        var text = await WriteAsync(mapping, 1000, SyntheticAddresses.Mix((0.6, addresses.InRegistry), (0.3, addresses.DutchUnregistered), (0.1, addresses.Abroad)), 3);

        var rows = Parse(schema, text, report.FileName(Date));

        Assert.Equal(1000, rows.Count(r => r.Event is not null));
        Assert.Empty(rows.Where(r => r.Rejection is not null).Select(r => r.Rejection!.Reason));
        var events = rows.Select(r => r.Event!).ToList();
        Assert.All(events, e => Assert.Equal("vulnerable-http", e.ClassificationIdentifier));
        Assert.All(events, e => Assert.Equal("tcp", e.ProtocolTransport));
        Assert.All(events, e => Assert.StartsWith("CVE-", Assert.Single(e.ProductVulnerabilities)));
        Assert.All(events, e => Assert.Equal(Date, DateOnly.FromDateTime(e.TimeSource!.Value.UtcDateTime)));
        Assert.Equal(events.Select(e => e.TimeSource), events.Select(e => e.TimeSource).Order());
    }

    [Fact]
    public async Task Every_report_type_in_the_schema_gives_a_report_that_parses_without_rejections()
    {
        var schema = ShadowserverSchema.Load(SchemaPath);
        var addresses = Registry(null);
        var picker = SyntheticAddresses.Mix((0.5, addresses.InRegistry), (0.3, addresses.DutchUnregistered), (0.2, addresses.Abroad));
        var problems = new List<string>();

        foreach (var mapping in schema.Reports.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var report = new SyntheticReport(mapping, null);
            var rows = Parse(schema, await WriteAsync(mapping, 40, picker, 1), report.FileName(Date));
            if (rows.Count(r => r.Event is not null) != 40) problems.Add($"{mapping.Name}: {rows.Count(r => r.Event is not null)} events");
            problems.AddRange(rows.Where(r => r.Rejection is not null).Select(r => $"{mapping.Name} line {r.Line}: {r.Rejection!.Reason}"));
        }

        Assert.True(schema.Reports.Count > 100);
        Assert.Empty(problems);
    }

    [RoutingFact]
    public async Task The_pickers_give_registry_unregistered_Dutch_and_foreign_addresses_and_the_columns_agree_with_the_routing_table()
    {
        var schema = ShadowserverSchema.Load(SchemaPath);
        var registry = new SyntheticRegistry(Routing).Generate(new SyntheticRegistryOptions { Organisations = 200, Seed = 4 });
        var addresses = SyntheticAddresses.Create(Routing, registry.Organisations);
        var networks = registry.Organisations.SelectMany(o => o.Assets).Where(a => a.Kind == AssetKind.Network).Select(a => IPNetwork.Parse(a.Value)).ToList();
        bool InRegistry(IPAddress ip) => networks.Exists(n => n.Contains(ip));

        foreach (var (name, picker, check) in new (string, AddressPicker, Func<IPAddress, bool>)[]
        {
            ("in the registry", addresses.InRegistry, InRegistry),
            ("Dutch, in no organisation", addresses.DutchUnregistered, ip => Routing.FindCountry(ip) == "NL" && Routing.FindAs(ip) is not null && !InRegistry(ip)),
            ("abroad", addresses.Abroad, ip => Routing.FindCountry(ip) is { } cc && cc != "NL"),
        })
        {
            var mapping = schema.Find("scan_http_vulnerable")!;
            var rows = Parse(schema, await WriteAsync(mapping, 300, picker, 8, Routing), "2026-11-01-scan_http_vulnerable-nl-geo.csv");
            Assert.All(rows, r => Assert.Null(r.Rejection));
            foreach (var e in rows.Select(r => r.Event!))
            {
                Assert.True(check(e.SourceIp!), $"{e.SourceIp} is not {name}");
                Assert.Equal(Routing.FindAs(e.SourceIp!)?.Number, e.SourceAsn);
                Assert.Equal(Routing.FindCountry(e.SourceIp!), e.SourceGeolocationCc);
            }
        }

        var v6 = schema.Find("scan6_http_vulnerable")!;
        var v6Rows = Parse(schema, await WriteAsync(v6, 100, addresses.DutchUnregistered, 2, Routing), "2026-11-01-scan6_http_vulnerable-nl-geo.csv");
        Assert.All(v6Rows, r => Assert.Equal(AddressFamily.InterNetworkV6, r.Event!.SourceIp!.AddressFamily));
        Assert.All(v6Rows, r => Assert.Equal("NL", r.Event!.SourceGeolocationCc));
    }

    private static SyntheticAddresses Registry(Herald.Enrich.RoutingTable? routing) =>
        SyntheticAddresses.Create(routing, new SyntheticRegistry(routing).Generate(new SyntheticRegistryOptions { Organisations = 50, Seed = 1 }).Organisations);

    private static async Task<string> WriteAsync(ReportMapping mapping, long rows, AddressPicker picker, long seed, Herald.Enrich.RoutingTable? routing = null)
    {
        using var writer = new StringWriter();
        await new SyntheticReport(mapping, routing).WriteAsync(writer, rows, Date, picker, seed, CancellationToken.None);
        return writer.ToString();
    }

    private static List<ParsedRow> Parse(ShadowserverSchema schema, string text, string fileName)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return [.. new ShadowserverParser(schema).Parse(stream, new ParseContext(fileName, null, ReceivedAt), CancellationToken.None)];
    }

    /// <summary>Counts the lines that reach it, and how many rows were made between two writes.</summary>
    private sealed class ChunkCountingWriter(Func<long> rowsMade) : TextWriter
    {
        private long _rowsAtLastWrite;

        public override Encoding Encoding => Encoding.UTF8;
        public long Lines { get; private set; }
        public long MostRowsBetweenWrites { get; private set; }

        public override void Write(char value) => Write([value]);

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Lines += buffer.Count('\n');
            var made = rowsMade();
            MostRowsBetweenWrites = Math.Max(MostRowsBetweenWrites, made - _rowsAtLastWrite);
            _rowsAtLastWrite = made;
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return Task.CompletedTask;
        }
    }
}

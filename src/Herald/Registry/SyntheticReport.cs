using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Herald.Enrich;
using Herald.Parse;

namespace Herald.Registry;

/// <summary>
/// Writes a synthetic Shadowserver report in the real format: the schema's columns as the header, quoted as Shadowserver
/// quotes them, and values that fit each column; for demos, tests and benchmarks.
/// </summary>
/// <remarks>
/// Rows are streamed to the writer in chunks, so millions of rows take no more memory than a few. The same seed and
/// address picker give the same report. AS numbers and countries come from the routing table when there is one, so
/// that a report agrees with enrichment; host names are under <c>.example</c>.
/// </remarks>
public sealed class SyntheticReport
{
    private const int ChunkChars = 1 << 16;
    private const string Netherlands = DutchAddressSpace.Netherlands;

    private static readonly (string Region, string City)[] DutchPlaces =
    [
        ("NOORD-HOLLAND", "AMSTERDAM"), ("ZUID-HOLLAND", "ROTTERDAM"), ("ZUID-HOLLAND", "THE HAGUE"), ("UTRECHT", "UTRECHT"),
        ("NOORD-BRABANT", "EINDHOVEN"), ("GRONINGEN", "GRONINGEN"), ("GELDERLAND", "ARNHEM"), ("OVERIJSSEL", "ENSCHEDE"),
        ("LIMBURG", "MAASTRICHT"), ("FRIESLAND", "LEEUWARDEN"), ("NOORD-HOLLAND", "HAARLEM"), ("GELDERLAND", "NIJMEGEN"),
    ];

    private readonly RoutingTable? _routing;
    private readonly DutchAddressSpace _space;
    private readonly SyntheticColumn[] _columns;
    private readonly int[] _ports;
    private readonly string[] _tags;
    private readonly string _protocol;
    private readonly string _severity;
    private readonly bool _hasDestination;
    private readonly Dictionary<long, string> _slugs = [];

    public SyntheticReport(ReportMapping mapping, RoutingTable? routing)
    {
        Mapping = mapping;
        _routing = routing;
        _space = DutchAddressSpace.For(routing);
        _columns = SyntheticColumns.Plan(mapping);
        _ports = SyntheticColumns.Ports(mapping);
        _tags = SyntheticColumns.Tags(mapping);
        _protocol = SyntheticColumns.IsUdp(mapping) ? "udp" : "tcp";
        var name = mapping.Name;
        _severity = name.Contains("vulnerable", StringComparison.Ordinal) || name.Contains("compromised", StringComparison.Ordinal) || name.Contains("exchange", StringComparison.Ordinal)
            ? "critical"
            : name.StartsWith("event", StringComparison.Ordinal) || name.Contains("honeypot", StringComparison.Ordinal) ? "high"
            : name.StartsWith("population", StringComparison.Ordinal) ? "info" : "medium";
        _hasDestination = Array.Exists(_columns, c => c.Kind is SyntheticColumnKind.DestinationIp or SyntheticColumnKind.DestinationAsn or SyntheticColumnKind.DestinationCountry);
        AddressFamily = SyntheticColumns.IsIpv6(mapping) ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
    }

    public ReportMapping Mapping { get; }

    /// <summary>IPv6 for the IPv6 report types (scan6_..., event6_...), which the picker is asked for.</summary>
    public AddressFamily AddressFamily { get; }

    /// <summary>The header: the mapping's required and then optional columns, each once.</summary>
    public IReadOnlyList<string> Columns => Array.ConvertAll(_columns, c => c.Name);

    /// <summary>The name Shadowserver gives such a report: <c>YYYY-MM-DD-&lt;type&gt;-nl-geo.csv</c>.</summary>
    public static string FileName(DateOnly date, string reportType) =>
        $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{reportType}-nl-geo.csv";

    public string FileName(DateOnly date) => FileName(date, Mapping.FileName);

    /// <summary>Writes the header and <paramref name="rows"/> rows spread over <paramref name="date"/> (UTC), in time order; returns the rows written.</summary>
    public async Task<long> WriteAsync(TextWriter writer, long rows, DateOnly date, AddressPicker addresses, long seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var random = new DeterministicRandom(seed);
        var buffer = new StringBuilder(ChunkChars + 4096);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (i > 0) buffer.Append(',');
            CsvText.Quoted(buffer, _columns[i].Name);
        }
        buffer.Append('\n');
        var day = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (long row = 0; row < rows; row++)
        {
            if ((row & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            // Times rise through the day, as in a real report.
            var time = day.AddSeconds((double)(row * 86400 / rows));
            AppendRow(buffer, random, time, addresses);
            if (buffer.Length >= ChunkChars)
            {
                await writer.WriteAsync(buffer, cancellationToken);
                buffer.Clear();
            }
        }
        await writer.WriteAsync(buffer, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return rows;
    }

    private void AppendRow(StringBuilder line, DeterministicRandom random, DateTimeOffset time, AddressPicker addresses)
    {
        var source = addresses(random, AddressFamily);
        var (sourceAs, sourceCountry) = Locate(source);
        IPAddress? destination = null;
        AsInfo? destinationAs = null;
        string? destinationCountry = null;
        if (_hasDestination)
        {
            destination = IpMath.V4(_space.Abroad.PickV4Address(random));
            (destinationAs, destinationCountry) = Locate(destination);
        }
        var variant = random.Next(1 << 16);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (i > 0) line.Append(',');
            var column = _columns[i];
            if (column.Filled < 1 && !random.Chance(column.Filled)) continue;
            switch (column.Kind)
            {
                case SyntheticColumnKind.Empty:
                    break;
                case SyntheticColumnKind.Timestamp:
                    line.Append('"').Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss}").Append('"');
                    break;
                case SyntheticColumnKind.SourceIp:
                    AppendAddress(line, source);
                    break;
                case SyntheticColumnKind.SourcePort:
                    line.Append(_ports.Length == 0 ? random.Next(1024, 65536) : _ports[variant % _ports.Length]);
                    break;
                case SyntheticColumnKind.SourceHostname:
                    AppendHostname(line, source, sourceAs, random);
                    break;
                case SyntheticColumnKind.SourceAsn:
                    if (sourceAs is not null) line.Append(sourceAs.Number);
                    break;
                case SyntheticColumnKind.SourceCountry:
                    if (sourceCountry is not null) CsvText.Quoted(line, sourceCountry);
                    break;
                case SyntheticColumnKind.SourceRegion:
                    if (sourceCountry == Netherlands) CsvText.Quoted(line, DutchPlaces[variant % DutchPlaces.Length].Region);
                    break;
                case SyntheticColumnKind.SourceCity:
                    if (sourceCountry == Netherlands) CsvText.Quoted(line, DutchPlaces[variant % DutchPlaces.Length].City);
                    break;
                case SyntheticColumnKind.DestinationIp:
                    AppendAddress(line, destination!);
                    break;
                case SyntheticColumnKind.DestinationPort:
                    line.Append(_ports.Length == 0 ? (variant & 1) == 0 ? 80 : 443 : _ports[variant % _ports.Length]);
                    break;
                case SyntheticColumnKind.DestinationHostname:
                    line.Append('"').Append(CultureInfo.InvariantCulture, $"sinkhole{variant % 8}.{Slug(destinationAs)}.example").Append('"');
                    break;
                case SyntheticColumnKind.DestinationAsn:
                    if (destinationAs is not null) line.Append(destinationAs.Number);
                    break;
                case SyntheticColumnKind.DestinationCountry:
                    if (destinationCountry is not null) CsvText.Quoted(line, destinationCountry);
                    break;
                case SyntheticColumnKind.DestinationRegion:
                case SyntheticColumnKind.DestinationCity:
                    break;
                case SyntheticColumnKind.Protocol:
                    CsvText.Quoted(line, _protocol);
                    break;
                case SyntheticColumnKind.Tag:
                    CsvText.Quoted(line, _tags[variant % _tags.Length]);
                    break;
                case SyntheticColumnKind.Severity:
                    CsvText.Quoted(line, _severity);
                    break;
                case SyntheticColumnKind.Network:
                    AppendNetwork(line, source);
                    break;
                case SyntheticColumnKind.Url:
                case SyntheticColumnKind.Text:
                    CsvText.Quoted(line, column.Choices[variant % column.Choices.Length]);
                    break;
                case SyntheticColumnKind.Boolean:
                    line.Append((variant & 1) == 0 ? "\"Y\"" : "\"N\"");
                    break;
                case SyntheticColumnKind.Integer:
                    if (column.Choices.Length > 0) line.Append(column.Choices[variant % column.Choices.Length]);
                    else line.Append(1 + (variant % 1000));
                    break;
                case SyntheticColumnKind.Float:
                    line.Append(CultureInfo.InvariantCulture, $"{random.NextDouble() * 100:0.0}");
                    break;
                case SyntheticColumnKind.Date:
                    line.Append('"').Append(CultureInfo.InvariantCulture, $"{time.AddDays(-random.Next(1, 400)):yyyy-MM-dd HH:mm:ss}").Append('"');
                    break;
                case SyntheticColumnKind.HttpDate:
                    line.Append('"').Append(CultureInfo.InvariantCulture, $"{time:R}").Append('"');
                    break;
                case SyntheticColumnKind.Base64:
                    AppendBase64(line, random);
                    break;
                case SyntheticColumnKind.Hash:
                    AppendHex(line, random, column.Name switch { "md5" => 32, "sha1" => 40, _ => 64 });
                    break;
                default:
                    throw new InvalidOperationException($"Column kind {column.Kind} is not handled.");
            }
        }
        line.Append('\n');
    }

    /// <summary>The AS and country of an address: from the routing table, or from the documentation space that stands in for it.</summary>
    private (AsInfo? As, string? Country) Locate(IPAddress address)
    {
        if (_routing is not null) return (_routing.FindAs(address), _routing.FindCountry(address));
        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        var dutch = v4 ? _space.Dutch.FindV4(IpMath.V4(address)) : _space.Dutch.FindV6(IpMath.V6(address));
        if (dutch >= 0) return (v4 ? _space.Dutch.V4(dutch).As : _space.Dutch.V6(dutch).As, Netherlands);
        // ZZ is the code Shadowserver's own anonymised samples use for "unknown".
        return (null, "ZZ");
    }

    private static void AppendAddress(StringBuilder line, IPAddress address)
    {
        Span<char> text = stackalloc char[64];
        address.TryFormat(text, out var written);
        line.Append('"').Append(text[..written]).Append('"');
    }

    private void AppendHostname(StringBuilder line, IPAddress address, AsInfo? asInfo, DeterministicRandom random)
    {
        Span<char> text = stackalloc char[64];
        line.Append('"');
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryFormat(text, out var written);
            foreach (var c in text[..written]) line.Append(c == '.' ? '-' : c);
        }
        else
        {
            line.Append("host-").Append(CultureInfo.InvariantCulture, $"{random.NextUInt64() & 0xFFFFFFFF:x8}");
        }
        line.Append('.').Append(Slug(asInfo)).Append(".example\"");
    }

    private static void AppendNetwork(StringBuilder line, IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            line.Append('"').Append(IpMath.V4(IpMath.V4(address) & 0xFFFFFF00u)).Append("/24\"");
        else
            line.Append('"').Append(IpMath.V6(IpMath.V6(address) & ~((UInt128.One << 80) - 1))).Append("/48\"");
    }

    private static void AppendBase64(StringBuilder line, DeterministicRandom random)
    {
        Span<byte> bytes = stackalloc byte[24];
        for (var i = 0; i < bytes.Length; i += 8) BitConverter.TryWriteBytes(bytes[i..], random.NextUInt64());
        line.Append('"').Append(Convert.ToBase64String(bytes)).Append('"');
    }

    private static void AppendHex(StringBuilder line, DeterministicRandom random, int digits)
    {
        line.Append('"');
        for (var i = 0; i < digits; i += 16)
            line.Append(CultureInfo.InvariantCulture, $"{random.NextUInt64():x16}");
        line.Length -= (16 - (digits % 16)) % 16;
        line.Append('"');
    }

    /// <summary>A host name label from the AS name, computed once per AS.</summary>
    private string Slug(AsInfo? asInfo)
    {
        if (asInfo is null) return "unknown";
        if (_slugs.TryGetValue(asInfo.Number, out var slug)) return slug;
        slug = SyntheticNames.Slug(asInfo.Name);
        if (slug.Length == 0) slug = "as" + asInfo.Number.ToString(CultureInfo.InvariantCulture);
        _slugs[asInfo.Number] = slug;
        return slug;
    }
}

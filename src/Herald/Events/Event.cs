using System.Net;

namespace Herald.Events;

/// <summary>One normalised observation about one asset, in IntelMQ's field vocabulary.</summary>
/// <remarks>
/// The typed properties are the fields Herald decides on. Any other IntelMQ field a parser
/// fills (destination.*, malware.name, product.name, ...) lives in <see cref="Fields"/>, and
/// report columns without a harmonised home live in <see cref="Extra"/>, so nothing a source
/// sent is lost and IntelMQ JSON round-trips.
/// </remarks>
public sealed record Event
{
    public DateTimeOffset? TimeSource { get; set; }
    public DateTimeOffset? TimeObservation { get; set; }
    public string? FeedName { get; set; }
    public string? FeedProvider { get; set; }
    public string? ClassificationTaxonomy { get; set; }
    public string? ClassificationType { get; set; }
    public string? ClassificationIdentifier { get; set; }
    public IPAddress? SourceIp { get; set; }
    public int? SourcePort { get; set; }
    public long? SourceAsn { get; set; }
    public string? SourceAsName { get; set; }
    public string? SourceNetwork { get; set; }
    public string? SourceFqdn { get; set; }
    public string? SourceReverseDns { get; set; }
    public string? SourceUrl { get; set; }
    public string? SourceGeolocationCc { get; set; }
    public string? ProtocolTransport { get; set; }
    public string? ProtocolApplication { get; set; }

    /// <summary>CVE ids, upper case (IntelMQ writes them lower case, joined by ';').</summary>
    public IReadOnlyList<string> ProductVulnerabilities { get; set; } = [];

    public string? Severity { get; set; }

    /// <summary>The source line this event came from, exactly as received.</summary>
    public string? Raw { get; set; }

    /// <summary>Other harmonised IntelMQ fields, by their dotted name.</summary>
    public SortedDictionary<string, string> Fields { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>extra.*</c>, by the name after <c>extra.</c>; values are string, long, double or bool.</summary>
    public SortedDictionary<string, object> Extra { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The host name the event names, whichever field carries it.</summary>
    public string? HostName => SourceFqdn ?? HostOfUrl(SourceUrl) ?? SourceReverseDns;

    private static string? HostOfUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}

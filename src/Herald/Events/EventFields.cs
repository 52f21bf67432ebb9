namespace Herald.Events;

/// <summary>IntelMQ field names that <see cref="Event"/> carries as typed properties.</summary>
public static class EventFields
{
    public const string TimeSource = "time.source";
    public const string TimeObservation = "time.observation";
    public const string FeedName = "feed.name";
    public const string FeedProvider = "feed.provider";
    public const string ClassificationTaxonomy = "classification.taxonomy";
    public const string ClassificationType = "classification.type";
    public const string ClassificationIdentifier = "classification.identifier";
    public const string SourceIp = "source.ip";
    public const string SourcePort = "source.port";
    public const string SourceAsn = "source.asn";
    public const string SourceAsName = "source.as_name";
    public const string SourceNetwork = "source.network";
    public const string SourceFqdn = "source.fqdn";
    public const string SourceReverseDns = "source.reverse_dns";
    public const string SourceUrl = "source.url";
    public const string SourceGeolocationCc = "source.geolocation.cc";
    public const string ProtocolTransport = "protocol.transport";
    public const string ProtocolApplication = "protocol.application";
    public const string ProductVulnerabilities = "product.vulnerabilities";
    public const string Severity = "severity";
    public const string Raw = "raw";
    public const string ExtraPrefix = "extra.";
}

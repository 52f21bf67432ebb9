namespace Herald.Storage;

/// <summary>An event as stored: the fields Herald queries as columns, the whole event as IntelMQ JSON.</summary>
public sealed class StoredEvent
{
    public long Id { get; set; }
    public long ReportId { get; set; }

    /// <summary>The line in the report; (report, line) is unique, which makes re-parsing idempotent.</summary>
    public long Line { get; set; }

    public DateTimeOffset? TimeSource { get; set; }
    public string? FeedName { get; set; }
    public string? ClassificationTaxonomy { get; set; }
    public string? ClassificationType { get; set; }
    public string? ClassificationIdentifier { get; set; }
    public string? SourceIp { get; set; }
    public int? SourcePort { get; set; }
    public long? SourceAsn { get; set; }
    public string? HostName { get; set; }
    public string? CountryCode { get; set; }
    public long? OrganisationId { get; set; }
    /// <summary>The event as IntelMQ JSON, without <c>raw</c>: that is <see cref="Raw"/>.</summary>
    public required string Json { get; set; }

    /// <summary>The report line this event came from, as received.</summary>
    public string? Raw { get; set; }
}

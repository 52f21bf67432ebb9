using System.Globalization;

namespace Herald.Decide.Rules;

/// <summary>The fields rules can test, by the names analysts write (IntelMQ's where one exists).</summary>
internal static class RuleFields
{
    private static readonly Dictionary<string, RuleField> Fields = new RuleField[]
    {
        Text("report.type", "the Shadowserver report type", f => f.Report.ReportType),
        Text("source.name", "the source that sent the report", f => f.Report.SourceName),
        Text("feed.name", "the feed", f => f.Event.FeedName),
        Text("feed.provider", "the feed's provider", f => f.Event.FeedProvider),
        Text("classification.taxonomy", "RSIT taxonomy", f => f.Event.ClassificationTaxonomy),
        Text("classification.type", "RSIT type", f => f.Event.ClassificationType),
        Text("classification.identifier", "the issue, e.g. open-rdp", f => f.Event.ClassificationIdentifier),
        Text("source.fqdn", "the host name the report gives", f => f.Event.SourceFqdn),
        Text("source.reverse_dns", "the reverse DNS name", f => f.Event.SourceReverseDns),
        Text("source.url", "the URL", f => f.Event.SourceUrl),
        Text("source.as_name", "the AS name", f => f.Event.SourceAsName),
        Text("source.geolocation.cc", "the country the report gives", f => f.Event.SourceGeolocationCc),
        Text("host", "the host name, whichever field carries it", f => f.Event.HostName),
        Text("country", "the country after enrichment (unknown codes such as ZZ count as absent)", f => f.Enriched.Country),
        Text("protocol.transport", "tcp, udp, ...", f => f.Event.ProtocolTransport),
        Text("protocol.application", "http, ssh, ...", f => f.Event.ProtocolApplication),
        Text("organisation.name", "the matched organisation's name", f => f.Organisation?.Name),
        Text("organisation.kvk", "the matched organisation's KvK number", f => f.Organisation?.KvkNumber),
        Text("organisation.sector", "the matched organisation's sector", f => f.Organisation?.Sector),
        Text("organisation.partner", "the partner that warns the organisation (membership, else a partner's constituency)", f => f.PartnerCode),
        Text("network-owner.name", "the holder of the AS", f => f.Enriched.NetworkOwner?.Name),
        Number("source.port", "the port", f => f.Event.SourcePort),
        Number("source.asn", "the AS number", f => f.Event.SourceAsn),
        Flag("organisation", "a registered organisation matches", f => f.Organisation is not null),
        Flag("organisation.vital", "the organisation is in a vital sector", f => f.Organisation is { Vital: true }),
        Flag("contact-available", "the organisation has an e-mail or phone contact in the registry", f => f.Organisation is { ContactEmail.Length: > 0 } or { ContactPhone.Length: > 0 }),
        Flag("network-owner", "an abuse contact is known for the AS", f => f.Enriched.NetworkOwner is not null),
        new("source.ip", FieldKind.Address, "the address (CIDR tests)"),
        new("cve", FieldKind.Cves, "the CVEs the report names (product.vulnerabilities)"),
        new("age", FieldKind.Age, "how long ago the observation was made"),
        new("severity", FieldKind.Severity, "info, low, medium, high or critical: Shadowserver's, or what a rule set"),
        new("source.reliability", FieldKind.Reliability, "the source's reliability, A (best) to F"),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Every named field; <c>extra.*</c> fields come on top.</summary>
    public static IEnumerable<RuleField> All => Fields.Values;

    /// <summary>A named field, or an <c>extra.&lt;name&gt;</c> field read from the report's own columns.</summary>
    public static RuleField? Find(string name)
    {
        if (Fields.TryGetValue(name, out var field)) return field;
        if (!name.StartsWith("extra.", StringComparison.Ordinal) || name.Length == "extra.".Length) return null;
        var key = name["extra.".Length..];
        return Text(name, "a report column", f => f.Event.Extra.TryGetValue(key, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : null);
    }

    private static RuleField Text(string name, string description, Func<DecisionFacts, string?> read) =>
        new(name, FieldKind.Text, description) { Text = read };

    private static RuleField Number(string name, string description, Func<DecisionFacts, long?> read) =>
        new(name, FieldKind.Number, description) { Number = read };

    private static RuleField Flag(string name, string description, Func<DecisionFacts, bool> read) =>
        new(name, FieldKind.Flag, description) { Flag = read };
}

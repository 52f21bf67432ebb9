using Herald.Decide.Suppress;
using Herald.Enrich;
using Herald.Events;

namespace Herald.Decide.Rules;

/// <summary>
/// What the rules see while one event is decided: the event, its enrichment, its report, and what earlier
/// rules set. One instance is reused for every event of a report, so deciding allocates little.
/// </summary>
internal sealed class DecisionFacts(ReportContext report, DecisionLookups lookups)
{
    private string? _partnerCode;
    private bool _partnerKnown;
    private SightingKey? _key;

    public ReportContext Report { get; } = report;
    public DecisionLookups Lookups { get; } = lookups;
    public EnrichedEvent Enriched { get; private set; } = null!;
    public Event Event { get; private set; } = null!;
    public OrganisationInfo? Organisation { get; private set; }
    public DateTimeOffset Now { get; private set; }

    // What the rules set on the way; the winning rule's own values come on top.
    public Severity? Severity { get; set; }
    public string? Template { get; set; }
    public Placeholders? AggregationKey { get; set; }
    public TimeSpan? Interval { get; set; }
    public string? Priority { get; set; }
    public Rule? ReviewBy { get; set; }

    /// <summary>The route and recipient once chosen, for reasons and aggregation keys.</summary>
    public Route? Route { get; set; }

    public string? Recipient { get; set; }

    /// <summary>How long ago the observation was made, or null when the event has no time.</summary>
    public TimeSpan? Age => (Event.TimeSource ?? Event.TimeObservation) is { } t ? Now - t : null;

    /// <summary>The partner that warns the organisation: its membership, else the partner whose constituency covers it.</summary>
    public string? PartnerCode
    {
        get
        {
            if (_partnerKnown) return _partnerCode;
            _partnerKnown = true;
            return _partnerCode = Organisation is { } org
                ? org.PartnerCode is { Length: > 0 } code ? code : Lookups.Partners.ConstituencyOf(org.Sector, Event.SourceAsn)
                : null;
        }
    }

    /// <summary>Organisation, asset and issue: the key of "the same thing again".</summary>
    public SightingKey Key => _key ??= SightingKey.Of(Enriched, Report.ReportType);

    public void Reset(EnrichedEvent e, DateTimeOffset now)
    {
        Enriched = e;
        Event = e.Event;
        Organisation = e.Organisation?.Organisation;
        Now = now;
        Severity = Severities.TryParse(e.Event.Severity, out var s) ? s : null;
        Template = null;
        AggregationKey = null;
        Interval = null;
        Priority = null;
        ReviewBy = null;
        Route = null;
        Recipient = null;
        _partnerKnown = false;
        _partnerCode = null;
        _key = null;
    }
}

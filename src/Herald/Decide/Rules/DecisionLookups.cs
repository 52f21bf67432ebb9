using Herald.Decide.Suppress;

namespace Herald.Decide.Rules;

/// <summary>The reference data conditions consult: the KEV catalogue, what was warned before, the partners.</summary>
internal sealed record DecisionLookups(KevCatalogue Kev, SightingIndex Sightings, PartnerDirectory Partners)
{
    public static DecisionLookups Empty() => new(KevCatalogue.Empty, new SightingIndex([]), new PartnerDirectory([]));
}

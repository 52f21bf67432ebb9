using Herald.Events;
using Herald.Storage;

namespace Herald.Enrich;

/// <summary>An event with what enrichment found: the organisation, the network owner and the country used for deciding.</summary>
public sealed record EnrichedEvent(Event Event, OrganisationMatch? Organisation, NetworkOwner? NetworkOwner, string? Country);

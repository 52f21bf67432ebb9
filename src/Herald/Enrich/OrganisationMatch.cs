namespace Herald.Enrich;

/// <summary>An organisation found for an event, and by which asset.</summary>
public sealed record OrganisationMatch(OrganisationInfo Organisation, string Reason);

namespace Herald.Enrich;

/// <summary>What the decision needs to know about a registered organisation.</summary>
public sealed record OrganisationInfo(
    long Id,
    string KvkNumber,
    string Name,
    string? Sector,
    bool Vital,
    string? PartnerCode,
    string? ContactEmail,
    string? ContactPhone,
    string Languages);

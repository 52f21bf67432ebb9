namespace Herald.Storage;

/// <summary>An IP range (CIDR), registered domain or AS number that belongs to an organisation.</summary>
public sealed class OrganisationAsset
{
    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public AssetKind Kind { get; set; }
    public required string Value { get; set; }
}

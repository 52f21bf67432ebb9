namespace Herald.Storage;

/// <summary>A national CSIRT, CERT or liaison organisation that receives forwarded cases for its constituents.</summary>
public sealed class Partner
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public PartnerKind Kind { get; set; }
    public required string Email { get; set; }
}

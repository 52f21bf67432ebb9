namespace Herald.Storage;

/// <summary>The holder of an AS, with its abuse contact: the last resort when no organisation is found.</summary>
public sealed class NetworkOwner
{
    public long Asn { get; set; }
    public required string Name { get; set; }
    public required string AbuseEmail { get; set; }
    public string Origin { get; set; } = "configured";
}

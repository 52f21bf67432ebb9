namespace Herald.Storage;

/// <summary>A legal entity in the registry, with its assets and contacts.</summary>
public sealed class Organisation
{
    public long Id { get; set; }

    /// <summary>Chamber of Commerce (KvK) number, eight digits.</summary>
    public required string KvkNumber { get; set; }

    public required string Name { get; set; }
    public string? Sector { get; set; }
    public bool Vital { get; set; }

    /// <summary>The code of the partner (CERT or liaison organisation) it is a member of, if any.</summary>
    public string? PartnerCode { get; set; }

    public List<OrganisationAsset> Assets { get; set; } = [];
    public List<Contact> Contacts { get; set; } = [];
}

using Herald.Storage;

namespace Herald.Registry;

/// <summary>An organisation being read from a file, possibly over several CSV rows; assets and contacts without duplicates.</summary>
internal sealed class OrganisationDraft(string kvk, string name)
{
    private readonly HashSet<string> _assets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _contacts = new(StringComparer.Ordinal);

    public Organisation Organisation { get; } = new() { KvkNumber = kvk, Name = name };

    /// <summary>Null until a row says true or false, so that a later row may still say it.</summary>
    public bool? Vital { get; set; }

    public void AddAsset(AssetKind kind, string value)
    {
        if (_assets.Add(RegistryFields.AssetKey(kind, value)))
            Organisation.Assets.Add(new OrganisationAsset { Kind = kind, Value = value });
    }

    public void AddContact(string? email, string? phone, string languages)
    {
        if (_contacts.Add(RegistryFields.ContactKey(email, phone)))
            Organisation.Contacts.Add(new Contact { Email = email, Phone = phone, Languages = languages, Origin = RegistryImporter.Origin });
    }

    public Organisation Complete()
    {
        Organisation.Vital = Vital ?? false;
        return Organisation;
    }
}

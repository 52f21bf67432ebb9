using System.Text;
using Herald.Storage;

namespace Herald.Registry;

/// <summary>A generated registry: entity instances not yet saved, ready to save into the database or write as registry files.</summary>
public sealed class SyntheticRegistryResult
{
    public const string PartnersFileName = "partners.csv";
    public const string NetworkOwnersFileName = "network-owners.csv";
    public const string OrganisationsFileName = "organisations.csv";

    public required IReadOnlyList<Organisation> Organisations { get; init; }
    public required IReadOnlyList<Partner> Partners { get; init; }
    public required IReadOnlyList<NetworkOwner> NetworkOwners { get; init; }

    /// <summary>The overlaps made on purpose; no other networks overlap.</summary>
    public required IReadOnlyList<SyntheticNesting> NestedNetworks { get; init; }

    /// <summary>True when there was no routing table and the networks come from the documentation ranges.</summary>
    public bool UsesDocumentationRanges { get; init; }

    /// <summary>What a user should know about how the registry was made (fallbacks, shortages).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Saves into the database as an import would: by KvK number, partner code and AS number, so saving twice changes nothing.</summary>
    public Task<RegistryImportResult> SaveAsync(HeraldDb db, CancellationToken cancellationToken) =>
        new RegistryImporter(db).UpsertAsync(Partners, NetworkOwners, Organisations, cancellationToken);

    /// <summary>Writes partners.csv, network-owners.csv and organisations.csv into a directory; returns their paths.</summary>
    public IReadOnlyList<string> WriteCsvFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        var partners = Path.Combine(directory, PartnersFileName);
        var owners = Path.Combine(directory, NetworkOwnersFileName);
        var organisations = Path.Combine(directory, OrganisationsFileName);
        using (var writer = new StreamWriter(partners, false, new UTF8Encoding(false))) RegistryWriter.WritePartnersCsv(writer, Partners);
        using (var writer = new StreamWriter(owners, false, new UTF8Encoding(false))) RegistryWriter.WriteNetworkOwnersCsv(writer, NetworkOwners);
        using (var writer = new StreamWriter(organisations, false, new UTF8Encoding(false))) RegistryWriter.WriteOrganisationsCsv(writer, Organisations);
        return [partners, owners, organisations];
    }

    /// <summary>Writes the whole registry as one JSON document.</summary>
    public void WriteJson(Stream stream) => RegistryWriter.WriteJson(stream, Partners, NetworkOwners, Organisations);
}

using System.Text;
using System.Text.Json;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Registry;

/// <summary>
/// Imports organisations, partners and network owners from registry files (CSV or JSON, see docs/registry-format.md)
/// into the database: by KvK number, partner code and AS number, so that importing again updates and never duplicates.
/// </summary>
/// <remarks>
/// Invalid records are not fatal: each is left out with its line or index and the reason, and the rest is imported.
/// Give the importer a context of its own: it clears the context's change tracker between batches to keep memory flat.
/// </remarks>
public sealed class RegistryImporter(HeraldDb db)
{
    /// <summary>The origin of contacts and network owners that come from a registry import.</summary>
    public const string Origin = "registry";

    private const int BatchSize = 500;

    /// <summary>
    /// Imports files: <c>.json</c> documents, and <c>.csv</c> files told apart by their header; partners first and
    /// organisations last, whatever the order given, so that an organisation can name a partner from another file.
    /// </summary>
    public async Task<RegistryImportResult> ImportFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var result = new RegistryImportResult();
        var ordered = new List<(int Rank, string Path)>();
        foreach (var path in paths)
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            int rank;
            if (extension == ".json")
            {
                rank = 2;
            }
            else if (extension == ".csv")
            {
                rank = await PeekCsvTableAsync(path, cancellationToken) switch
                {
                    RegistryTable.Partners => 0,
                    RegistryTable.NetworkOwners => 1,
                    RegistryTable.Organisations => 3,
                    _ => 4,
                };
            }
            else
            {
                result.Add(new RegistryProblem(Path.GetFileName(path), RegistryTable.Organisations, null, null,
                    "the file is neither .csv nor .json; nothing was imported from it"));
                continue;
            }
            ordered.Add((rank, path));
        }
        await InTransactionAsync(async () =>
        {
            foreach (var (rank, path) in ordered.OrderBy(f => f.Rank))
            {
                await using var stream = File.OpenRead(path);
                var source = Path.GetFileName(path);
                result.Merge(rank == 2
                    ? await ImportJsonAsync(stream, source, cancellationToken)
                    : await ImportCsvAsync(stream, source, cancellationToken));
            }
        }, cancellationToken);
        return result;
    }

    /// <summary>Imports one CSV file: organisations, partners or network owners, as its header says.</summary>
    /// <param name="source">The name problems are reported under, usually the file name.</param>
    public async Task<RegistryImportResult> ImportCsvAsync(Stream content, string source, CancellationToken cancellationToken)
    {
        var result = new RegistryImportResult();
        var problems = new List<RegistryProblem>();
        using var text = new StreamReader(content, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = RegistryCsv.Open(text, source);
        await InTransactionAsync(async () =>
        {
            switch (csv.Table)
            {
                case RegistryTable.Partners:
                    var partners = csv.ReadPartners(problems);
                    result.Partners = await UpsertPartnersAsync(partners, cancellationToken);
                    break;
                case RegistryTable.NetworkOwners:
                    var owners = csv.ReadNetworkOwners(problems);
                    result.NetworkOwners = await UpsertNetworkOwnersAsync(owners, cancellationToken);
                    break;
                case RegistryTable.Organisations:
                    var organisations = csv.ReadOrganisations(await PartnerCodesAsync(cancellationToken), problems);
                    result.Organisations = await UpsertOrganisationsAsync(organisations, cancellationToken);
                    break;
                case null:
                    problems.Add(new RegistryProblem(source, RegistryTable.Organisations, 1, null, csv.HeaderProblem + "; nothing was imported"));
                    break;
            }
        }, cancellationToken);
        result.AddRange(problems);
        return result;
    }

    /// <summary>Imports a JSON document: partners, then network owners, then organisations.</summary>
    /// <param name="source">The name problems are reported under, usually the file name.</param>
    public async Task<RegistryImportResult> ImportJsonAsync(Stream content, string source, CancellationToken cancellationToken)
    {
        var result = new RegistryImportResult();
        var problems = new List<RegistryProblem>();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(content, RegistryJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            result.Add(new RegistryProblem(source, RegistryTable.Organisations, (ex.LineNumber ?? 0) + 1, null,
                $"the file is not valid JSON ({ex.Message}); nothing was imported"));
            return result;
        }
        using (document)
        {
            var root = document.RootElement;
            if (!RegistryJson.CheckRoot(root, source, problems))
            {
                result.AddRange(problems);
                return result;
            }
            await InTransactionAsync(async () =>
            {
                if (RegistryJson.Section(root, RegistryTable.Partners, source, problems) is { } partners)
                    result.Partners = await UpsertPartnersAsync(RegistryJson.ReadPartners(partners, source, problems), cancellationToken);
                if (RegistryJson.Section(root, RegistryTable.NetworkOwners, source, problems) is { } owners)
                    result.NetworkOwners = await UpsertNetworkOwnersAsync(RegistryJson.ReadNetworkOwners(owners, source, problems), cancellationToken);
                if (RegistryJson.Section(root, RegistryTable.Organisations, source, problems) is { } organisations)
                {
                    var codes = await PartnerCodesAsync(cancellationToken);
                    result.Organisations = await UpsertOrganisationsAsync(
                        RegistryJson.ReadOrganisations(organisations, codes, source, problems), cancellationToken);
                }
            }, cancellationToken);
        }
        result.AddRange(problems);
        return result;
    }

    /// <summary>
    /// Inserts or updates records that are valid already (from a generator or another system), without the checks
    /// a file gets; the given instances are copied, not attached.
    /// </summary>
    public async Task<RegistryImportResult> UpsertAsync(
        IReadOnlyList<Partner> partners, IReadOnlyList<NetworkOwner> networkOwners, IReadOnlyList<Organisation> organisations,
        CancellationToken cancellationToken)
    {
        var result = new RegistryImportResult();
        await InTransactionAsync(async () =>
        {
            result.Partners = await UpsertPartnersAsync(partners, cancellationToken);
            result.NetworkOwners = await UpsertNetworkOwnersAsync(networkOwners, cancellationToken);
            result.Organisations = await UpsertOrganisationsAsync(organisations.Select(o => (o, OrganisationParts.All)).ToList(), cancellationToken);
        }, cancellationToken);
        return result;
    }

    private static async Task<RegistryTable?> PeekCsvTableAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = await reader.ReadLineAsync(cancellationToken) ?? "";
        return RegistryCsv.DetectTable(header.Split(',').Select(h => h.Trim().Trim('"')));
    }

    /// <summary>One transaction for the whole import, unless the caller has one open already.</summary>
    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await work();
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<IReadOnlySet<string>> PartnerCodesAsync(CancellationToken cancellationToken) =>
        new HashSet<string>(await db.Partners.Select(p => p.Code).ToListAsync(cancellationToken), StringComparer.OrdinalIgnoreCase);

    private async Task<RegistryImportCount> UpsertPartnersAsync(IReadOnlyList<Partner> partners, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0;
        var existing = await db.Partners.ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var partner in partners)
        {
            if (!existing.TryGetValue(partner.Code, out var current))
            {
                current = new Partner { Code = partner.Code, Name = partner.Name, Kind = partner.Kind, Email = partner.Email };
                PartnerForwarding.CopyTo(partner, current);
                db.Partners.Add(current);
                existing[partner.Code] = current;
                added++;
            }
            else if (PartnerForwarding.CopyTo(partner, current) | current.Name != partner.Name || current.Kind != partner.Kind || current.Email != partner.Email)
            {
                current.Name = partner.Name;
                current.Kind = partner.Kind;
                current.Email = partner.Email;
                updated++;
            }
            else
            {
                unchanged++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new RegistryImportCount(added, updated, unchanged);
    }

    private async Task<RegistryImportCount> UpsertNetworkOwnersAsync(IReadOnlyList<NetworkOwner> owners, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0;
        foreach (var batch in owners.Chunk(BatchSize))
        {
            var numbers = batch.Select(o => o.Asn).ToList();
            var existing = await db.NetworkOwners.Where(o => numbers.Contains(o.Asn)).ToDictionaryAsync(o => o.Asn, cancellationToken);
            foreach (var owner in batch)
            {
                if (!existing.TryGetValue(owner.Asn, out var current))
                {
                    current = new NetworkOwner { Asn = owner.Asn, Name = owner.Name, AbuseEmail = owner.AbuseEmail, Origin = Origin };
                    db.NetworkOwners.Add(current);
                    existing[owner.Asn] = current;
                    added++;
                }
                else if (current.Name != owner.Name || current.AbuseEmail != owner.AbuseEmail || current.Origin != Origin)
                {
                    current.Name = owner.Name;
                    current.AbuseEmail = owner.AbuseEmail;
                    current.Origin = Origin;
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return new RegistryImportCount(added, updated, unchanged);
    }

    private async Task<RegistryImportCount> UpsertOrganisationsAsync(
        IReadOnlyList<(Organisation Organisation, OrganisationParts Parts)> organisations, CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0;
        foreach (var batch in organisations.Chunk(BatchSize))
        {
            var numbers = batch.Select(o => o.Organisation.KvkNumber).ToList();
            var existing = await db.Organisations
                .Include(o => o.Assets)
                .Include(o => o.Contacts)
                .AsSplitQuery()
                .Where(o => numbers.Contains(o.KvkNumber))
                .ToDictionaryAsync(o => o.KvkNumber, StringComparer.Ordinal, cancellationToken);
            foreach (var (wanted, parts) in batch)
            {
                if (!existing.TryGetValue(wanted.KvkNumber, out var current))
                {
                    current = new Organisation { KvkNumber = wanted.KvkNumber, Name = wanted.Name };
                    Apply(current, wanted, parts);
                    db.Organisations.Add(current);
                    existing[wanted.KvkNumber] = current;
                    added++;
                }
                else if (Apply(current, wanted, parts))
                {
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return new RegistryImportCount(added, updated, unchanged);
    }

    /// <summary>
    /// Makes the <paramref name="parts"/> of <paramref name="current"/> what the registry says; returns whether anything
    /// changed. Assets are the registry's alone; contacts found another way (another origin) stay, and a contact that
    /// stays keeps its verification.
    /// </summary>
    private bool Apply(Organisation current, Organisation wanted, OrganisationParts parts)
    {
        var changed = false;
        if (current.Name != wanted.Name) (current.Name, changed) = (wanted.Name, true);
        if (parts.HasFlag(OrganisationParts.Sector) && current.Sector != wanted.Sector) (current.Sector, changed) = (wanted.Sector, true);
        if (parts.HasFlag(OrganisationParts.Vital) && current.Vital != wanted.Vital) (current.Vital, changed) = (wanted.Vital, true);
        if (parts.HasFlag(OrganisationParts.Partner) && current.PartnerCode != wanted.PartnerCode) (current.PartnerCode, changed) = (wanted.PartnerCode, true);

        var wantedAssets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var asset in wanted.Assets) wantedAssets.Add(RegistryFields.AssetKey(asset.Kind, asset.Value));
        var keptAssets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = current.Assets.Count - 1; i >= 0; i--)
        {
            var asset = current.Assets[i];
            var key = RegistryFields.AssetKey(asset.Kind, asset.Value);
            if (!parts.HasFlag(PartOf(asset.Kind)) || (wantedAssets.Contains(key) && keptAssets.Add(key))) continue;
            current.Assets.RemoveAt(i);
            if (asset.Id != 0) db.Remove(asset);
            changed = true;
        }
        foreach (var asset in wanted.Assets)
        {
            if (!keptAssets.Add(RegistryFields.AssetKey(asset.Kind, asset.Value))) continue;
            current.Assets.Add(new OrganisationAsset { Kind = asset.Kind, Value = asset.Value });
            changed = true;
        }

        if (!parts.HasFlag(OrganisationParts.Contacts)) return changed;
        var wantedContacts = new Dictionary<string, Contact>(StringComparer.Ordinal);
        foreach (var contact in wanted.Contacts) wantedContacts.TryAdd(RegistryFields.ContactKey(contact.Email, contact.Phone), contact);
        var keptContacts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = current.Contacts.Count - 1; i >= 0; i--)
        {
            var contact = current.Contacts[i];
            if (contact.Origin != Origin) continue;
            var key = RegistryFields.ContactKey(contact.Email, contact.Phone);
            if (wantedContacts.TryGetValue(key, out var want) && keptContacts.Add(key))
            {
                if (contact.Languages != want.Languages || contact.Email != want.Email)
                    (contact.Languages, contact.Email, changed) = (want.Languages, want.Email, true);
                continue;
            }
            current.Contacts.RemoveAt(i);
            if (contact.Id != 0) db.Remove(contact);
            changed = true;
        }
        foreach (var contact in wanted.Contacts)
        {
            if (!keptContacts.Add(RegistryFields.ContactKey(contact.Email, contact.Phone))) continue;
            current.Contacts.Add(new Contact { Email = contact.Email, Phone = contact.Phone, Languages = contact.Languages, Origin = Origin });
            changed = true;
        }
        return changed;
    }

    private static OrganisationParts PartOf(AssetKind kind) => kind switch
    {
        AssetKind.Network => OrganisationParts.Networks,
        AssetKind.Domain => OrganisationParts.Domains,
        AssetKind.Asn => OrganisationParts.Asns,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

using System.Globalization;
using System.Text.Json;
using Herald.Storage;

namespace Herald.Registry;

/// <summary>
/// Reads the sections of a registry JSON document into validated records; every record or field that is not
/// valid becomes a problem with its index in the section's array.
/// </summary>
/// <remarks>The format is documented in docs/registry-format.md.</remarks>
internal static class RegistryJson
{
    public const string PartnersSection = "partners";
    public const string NetworkOwnersSection = "network_owners";
    public const string OrganisationsSection = "organisations";

    private static readonly string[] OrganisationFields = ["kvk", "name", "sector", "vital", "partner", "networks", "domains", "asns", "contacts"];
    private static readonly string[] ContactFields = ["email", "phone", "languages"];
    private static readonly string[] PartnerFields = ["code", "name", "kind", "email", .. PartnerForwarding.Columns];
    private static readonly string[] NetworkOwnerFields = ["asn", "name", "abuse_email"];

    /// <summary>Hand-edited files may carry comments and trailing commas.</summary>
    public static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static string SectionName(RegistryTable table) => table switch
    {
        RegistryTable.Partners => PartnersSection,
        RegistryTable.NetworkOwners => NetworkOwnersSection,
        RegistryTable.Organisations => OrganisationsSection,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };

    /// <summary>The array of a section: the root itself when the root is an array of organisations.</summary>
    public static JsonElement? Section(JsonElement root, RegistryTable table, string source, List<RegistryProblem> problems)
    {
        if (root.ValueKind == JsonValueKind.Array) return table == RegistryTable.Organisations ? root : null;
        if (!root.TryGetProperty(SectionName(table), out var section) || section.ValueKind == JsonValueKind.Null) return null;
        if (section.ValueKind == JsonValueKind.Array) return section;
        problems.Add(new RegistryProblem(source, table, null, null, $"'{SectionName(table)}' is not an array; nothing in it was imported"));
        return null;
    }

    /// <summary>Checks the root: an object with known sections, or an array of organisations.</summary>
    public static bool CheckRoot(JsonElement root, string source, List<RegistryProblem> problems)
    {
        if (root.ValueKind == JsonValueKind.Array) return true;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RegistryProblem(source, RegistryTable.Organisations, null, null,
                $"the document is a JSON {root.ValueKind.ToString().ToLowerInvariant()}; expected an object with '{PartnersSection}', "
                + $"'{NetworkOwnersSection}' and '{OrganisationsSection}', or an array of organisations"));
            return false;
        }
        foreach (var property in root.EnumerateObject())
            if (property.Name is not (PartnersSection or NetworkOwnersSection or OrganisationsSection))
                problems.Add(new RegistryProblem(source, RegistryTable.Organisations, null, null, $"section '{property.Name}' is not part of the format and is ignored"));
        return true;
    }

    public static List<Partner> ReadPartners(JsonElement array, string source, List<RegistryProblem> problems)
    {
        var partners = new List<Partner>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = -1;
        foreach (var item in array.EnumerateArray())
        {
            index++;
            var errors = new List<string>();
            if (!IsObject(item, errors))
            {
                Report(source, RegistryTable.Partners, index, errors, problems);
                continue;
            }
            KnownFields(item, PartnerFields, source, RegistryTable.Partners, index, "", problems);
            Check(errors, RegistryFields.PartnerCode("code", String(item, "code", errors), out var code));
            Check(errors, RegistryFields.Name(String(item, "name", errors), out var name));
            Check(errors, RegistryFields.PartnerKind(String(item, "kind", errors), out var kind));
            Check(errors, RegistryFields.Email("email", String(item, "email", errors), out var email));
            var partner = new Partner { Code = code, Name = name, Kind = kind, Email = email };
            PartnerForwarding.Read(partner, field => item.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "", errors);
            if (errors.Count == 0 && seen.TryGetValue(code, out var first)) errors.Add($"partner '{code}' is already at index {first}");
            if (Report(source, RegistryTable.Partners, index, errors, problems)) continue;
            seen[code] = index;
            partners.Add(partner);
        }
        return partners;
    }

    public static List<NetworkOwner> ReadNetworkOwners(JsonElement array, string source, List<RegistryProblem> problems)
    {
        var owners = new List<NetworkOwner>();
        var seen = new Dictionary<long, int>();
        var index = -1;
        foreach (var item in array.EnumerateArray())
        {
            index++;
            var errors = new List<string>();
            if (!IsObject(item, errors))
            {
                Report(source, RegistryTable.NetworkOwners, index, errors, problems);
                continue;
            }
            KnownFields(item, NetworkOwnerFields, source, RegistryTable.NetworkOwners, index, "", problems);
            Check(errors, RegistryFields.Asn(NumberOrString(item, "asn", errors), out var asn));
            Check(errors, RegistryFields.Name(String(item, "name", errors), out var name));
            Check(errors, RegistryFields.Email("abuse_email", String(item, "abuse_email", errors), out var email));
            if (errors.Count == 0 && seen.TryGetValue(asn, out var first)) errors.Add($"AS {asn} is already at index {first}");
            if (Report(source, RegistryTable.NetworkOwners, index, errors, problems)) continue;
            seen[asn] = index;
            owners.Add(new NetworkOwner { Asn = asn, Name = name, AbuseEmail = email, Origin = RegistryImporter.Origin });
        }
        return owners;
    }

    public static List<(Organisation Organisation, OrganisationParts Parts)> ReadOrganisations(
        JsonElement array, IReadOnlySet<string> partnerCodes, string source, List<RegistryProblem> problems)
    {
        var organisations = new List<(Organisation, OrganisationParts)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = -1;
        foreach (var item in array.EnumerateArray())
        {
            index++;
            var errors = new List<string>();
            if (!IsObject(item, errors))
            {
                Report(source, RegistryTable.Organisations, index, errors, problems);
                continue;
            }
            KnownFields(item, OrganisationFields, source, RegistryTable.Organisations, index, "", problems);
            Check(errors, RegistryFields.Kvk(String(item, "kvk", errors), out var kvk));
            Check(errors, RegistryFields.Name(String(item, "name", errors), out var name));
            var sector = OptionalString(item, "sector", errors)?.Trim();
            bool vital = false;
            if (item.TryGetProperty("vital", out var v) && v.ValueKind != JsonValueKind.Null)
            {
                if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) vital = v.GetBoolean();
                else errors.Add("vital is not true or false");
            }
            string? partner = null;
            if (OptionalString(item, "partner", errors) is { Length: > 0 } given
                && Check(errors, RegistryFields.PartnerCode("partner", given, out var code)))
            {
                if (partnerCodes.Contains(code)) partner = code;
                else errors.Add($"partner '{code}' is not a known partner; import the partners first");
            }
            var draft = new OrganisationDraft(kvk, name) { Vital = vital };
            if (sector is { Length: > 0 }) draft.Organisation.Sector = sector;
            draft.Organisation.PartnerCode = partner;
            foreach (var item2 in Strings(item, "networks", errors))
                if (Check(errors, RegistryFields.Network(item2, out var network))) draft.AddAsset(AssetKind.Network, network);
            foreach (var item2 in Strings(item, "domains", errors))
                if (Check(errors, RegistryFields.Domain(item2, out var domain))) draft.AddAsset(AssetKind.Domain, domain);
            foreach (var item2 in Strings(item, "asns", errors, numbersToo: true))
                if (Check(errors, RegistryFields.Asn(item2, out var asn))) draft.AddAsset(AssetKind.Asn, asn.ToString(CultureInfo.InvariantCulture));
            ReadContacts(item, draft, errors, source, index, problems);
            if (errors.Count == 0 && seen.TryGetValue(kvk, out var first)) errors.Add($"kvk {kvk} is already at index {first}");
            if (Report(source, RegistryTable.Organisations, index, errors, problems)) continue;
            seen[kvk] = index;
            organisations.Add((draft.Complete(), Parts(item)));
        }
        return organisations;
    }

    private static void ReadContacts(JsonElement item, OrganisationDraft draft, List<string> errors, string source, int index, List<RegistryProblem> problems)
    {
        if (!item.TryGetProperty("contacts", out var contacts) || contacts.ValueKind == JsonValueKind.Null) return;
        if (contacts.ValueKind != JsonValueKind.Array)
        {
            errors.Add("contacts is not an array");
            return;
        }
        var i = -1;
        foreach (var contact in contacts.EnumerateArray())
        {
            i++;
            var contactErrors = new List<string>();
            if (!IsObject(contact, contactErrors))
            {
                errors.AddRange(contactErrors.Select(e => $"contacts[{i}]: {e}"));
                continue;
            }
            KnownFields(contact, ContactFields, source, RegistryTable.Organisations, index, $"contacts[{i}]: ", problems);
            string? email = null, phone = null;
            if (OptionalString(contact, "email", contactErrors) is { Length: > 0 } e
                && Check(contactErrors, RegistryFields.Email("email", e, out var normalEmail))) email = normalEmail;
            if (OptionalString(contact, "phone", contactErrors) is { Length: > 0 } p
                && Check(contactErrors, RegistryFields.Phone(p, out var normalPhone))) phone = normalPhone;
            // Languages as stored ("nl,en") or as an array (["nl", "en"]).
            var languageList = contact.TryGetProperty("languages", out var l) && l.ValueKind == JsonValueKind.String
                ? RegistryFields.SplitList(l.GetString()!, commaToo: true)
                : Strings(contact, "languages", contactErrors).ToArray();
            Check(contactErrors, RegistryFields.Languages(languageList, out var languages));
            if (contactErrors.Count == 0 && email is null && phone is null) contactErrors.Add("has neither email nor phone");
            if (contactErrors.Count > 0)
            {
                errors.AddRange(contactErrors.Select(e => $"contacts[{i}]: {e}"));
                continue;
            }
            draft.AddContact(email, phone, languages.Length > 0 ? languages : RegistryCsv.DefaultLanguages);
        }
    }

    private static OrganisationParts Parts(JsonElement item)
    {
        var parts = OrganisationParts.None;
        foreach (var property in item.EnumerateObject())
        {
            parts |= property.Name switch
            {
                "sector" => OrganisationParts.Sector,
                "vital" => OrganisationParts.Vital,
                "partner" => OrganisationParts.Partner,
                "networks" => OrganisationParts.Networks,
                "domains" => OrganisationParts.Domains,
                "asns" => OrganisationParts.Asns,
                "contacts" => OrganisationParts.Contacts,
                _ => OrganisationParts.None,
            };
        }
        return parts;
    }

    private static bool IsObject(JsonElement item, List<string> errors)
    {
        if (item.ValueKind == JsonValueKind.Object) return true;
        errors.Add($"is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object");
        return false;
    }

    /// <summary>Unknown fields are reported (a misspelt "netwroks" would otherwise be dropped without a word) and ignored, as in CSV.</summary>
    private static void KnownFields(JsonElement item, string[] known, string source, RegistryTable table, int index, string prefix, List<RegistryProblem> problems)
    {
        foreach (var property in item.EnumerateObject())
            if (Array.IndexOf(known, property.Name) < 0)
                problems.Add(new RegistryProblem(source, table, null, index,
                    $"{prefix}field '{property.Name}' is not part of the format and is ignored (known: {string.Join(", ", known)})"));
    }

    private static string String(JsonElement item, string name, List<string> errors)
    {
        if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString()!;
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) errors.Add($"{name} is missing");
        else errors.Add($"{name} is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a string{(name == "kvk" ? " (as a number it would lose leading zeros)" : "")}");
        return "";
    }

    private static string? OptionalString(JsonElement item, string name, List<string> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add($"{name} is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a string");
        return null;
    }

    private static string NumberOrString(JsonElement item, string name, List<string> errors)
    {
        if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        return String(item, name, errors);
    }

    private static List<string> Strings(JsonElement item, string name, List<string> errors, bool numbersToo = false)
    {
        var list = new List<string>();
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return list;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{name} is not an array");
            return list;
        }
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String) list.Add(element.GetString()!);
            else if (numbersToo && element.ValueKind == JsonValueKind.Number) list.Add(element.GetRawText());
            else errors.Add($"{name} holds a JSON {element.ValueKind.ToString().ToLowerInvariant()}, where a {(numbersToo ? "number or " : "")}string belongs");
        }
        return list;
    }

    private static bool Check(List<string> errors, string? error)
    {
        if (error is null) return true;
        errors.Add(error);
        return false;
    }

    private static bool Report(string source, RegistryTable table, int index, List<string> errors, List<RegistryProblem> problems)
    {
        foreach (var error in errors) problems.Add(new RegistryProblem(source, table, null, index, error));
        return errors.Count > 0;
    }
}

using Herald.Storage;
using nietras.SeparatedValues;

namespace Herald.Registry;

/// <summary>
/// Reads one registry CSV file (organisations, partners or network owners, told apart by the header) into
/// validated records; every row or column that is not valid becomes a problem with its line number.
/// </summary>
/// <remarks>The format is documented in docs/registry-format.md; columns are found by name, in any order.</remarks>
internal sealed class RegistryCsv : IDisposable
{
    public static readonly string[] OrganisationColumns = ["kvk", "name", "sector", "vital", "partner", "networks", "domains", "asns", "email", "phone", "languages"];
    public static readonly string[] PartnerColumns = ["code", "name", "kind", "email"];
    public static readonly string[] NetworkOwnerColumns = ["asn", "name", "abuse_email"];

    private readonly SepReader? _reader;
    private readonly Dictionary<string, int> _columns;
    private readonly string _source;

    private RegistryCsv(SepReader? reader, Dictionary<string, int> columns, string source, RegistryTable? table, string? headerProblem)
    {
        _reader = reader;
        _columns = columns;
        _source = source;
        Table = table;
        HeaderProblem = headerProblem;
    }

    /// <summary>The kind of file, told by its header; null when the header names none (see <see cref="HeaderProblem"/>).</summary>
    public RegistryTable? Table { get; }

    public string? HeaderProblem { get; }

    /// <summary>Reads the header; the rows are read by one of the Read methods.</summary>
    public static RegistryCsv Open(TextReader text, string source)
    {
        SepReader reader;
        try
        {
            reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or NotSupportedException)
        {
            return new RegistryCsv(null, [], source, null, $"the header cannot be read: {ex.Message}");
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = reader.Header.ColNames;
        for (var i = 0; i < names.Count; i++) columns.TryAdd(names[i].Trim().TrimStart('\uFEFF'), i);
        var table = DetectTable(columns.Keys);
        string? problem = null;
        if (table is null)
        {
            problem = names.Count == 1 && names[0].Contains(RegistryFields.ListSeparator, StringComparison.Ordinal)
                ? "the columns are separated by ';' (as Excel does in Dutch); save the file as CSV UTF-8 (comma delimited)"
                : $"the header '{string.Join(',', names)}' is not a registry header: an organisations file has the columns "
                    + $"{string.Join(',', OrganisationColumns)}, a partners file {string.Join(',', PartnerColumns)}, "
                    + $"a network owners file {string.Join(',', NetworkOwnerColumns)}";
        }
        return new RegistryCsv(reader, columns, source, table, problem);
    }

    public static RegistryTable? DetectTable(IEnumerable<string> header)
    {
        var names = new HashSet<string>(header.Select(h => h.Trim().TrimStart('\uFEFF')), StringComparer.OrdinalIgnoreCase);
        if (names.Contains("kvk")) return RegistryTable.Organisations;
        if (names.Contains("abuse_email")) return RegistryTable.NetworkOwners;
        if (names.Contains("code") && names.Contains("kind")) return RegistryTable.Partners;
        return null;
    }

    public List<Partner> ReadPartners(List<RegistryProblem> problems)
    {
        var partners = new List<Partner>();
        if (!CheckColumns(RegistryTable.Partners, [.. PartnerColumns, .. PartnerForwarding.Columns], PartnerColumns, problems)) return partners;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (line, get) in Rows())
        {
            var errors = new List<string>();
            Check(errors, RegistryFields.PartnerCode("code", get("code"), out var code));
            Check(errors, RegistryFields.Name(get("name"), out var name));
            Check(errors, RegistryFields.PartnerKind(get("kind"), out var kind));
            Check(errors, RegistryFields.Email("email", get("email"), out var email));
            var partner = new Partner { Code = code, Name = name, Kind = kind, Email = email };
            PartnerForwarding.Read(partner, get, errors);
            if (errors.Count == 0 && seen.TryGetValue(code, out var first)) errors.Add($"partner '{code}' is already on line {first}");
            if (Report(RegistryTable.Partners, line, errors, problems)) continue;
            seen[code] = line;
            partners.Add(partner);
        }
        return partners;
    }

    public List<NetworkOwner> ReadNetworkOwners(List<RegistryProblem> problems)
    {
        var owners = new List<NetworkOwner>();
        if (!CheckColumns(RegistryTable.NetworkOwners, NetworkOwnerColumns, NetworkOwnerColumns, problems)) return owners;
        var seen = new Dictionary<long, long>();
        foreach (var (line, get) in Rows())
        {
            var errors = new List<string>();
            Check(errors, RegistryFields.Asn(get("asn"), out var asn));
            Check(errors, RegistryFields.Name(get("name"), out var name));
            Check(errors, RegistryFields.Email("abuse_email", get("abuse_email"), out var email));
            if (errors.Count == 0 && seen.TryGetValue(asn, out var first)) errors.Add($"AS {asn} is already on line {first}");
            if (Report(RegistryTable.NetworkOwners, line, errors, problems)) continue;
            seen[asn] = line;
            owners.Add(new NetworkOwner { Asn = asn, Name = name, AbuseEmail = email, Origin = RegistryImporter.Origin });
        }
        return owners;
    }

    /// <summary>
    /// Reads organisations; rows with the same kvk are one organisation: each row may add a contact and assets, and
    /// its name, sector, vital and partner must be empty or agree with the earlier rows.
    /// </summary>
    public List<(Organisation Organisation, OrganisationParts Parts)> ReadOrganisations(IReadOnlySet<string> partnerCodes, List<RegistryProblem> problems)
    {
        var drafts = new Dictionary<string, OrganisationDraft>(StringComparer.Ordinal);
        var order = new List<OrganisationDraft>();
        if (!CheckColumns(RegistryTable.Organisations, OrganisationColumns, ["kvk", "name"], problems)) return [];
        foreach (var (line, get) in Rows())
        {
            var errors = new List<string>();
            Check(errors, RegistryFields.Kvk(get("kvk"), out var kvk));
            var name = get("name").Trim();
            var sector = get("sector").Trim();
            Check(errors, RegistryFields.Bool("vital", get("vital"), out var vital));
            var partner = "";
            if (get("partner").Trim().Length > 0)
            {
                if (Check(errors, RegistryFields.PartnerCode("partner", get("partner"), out partner)) && !partnerCodes.Contains(partner))
                    errors.Add($"partner '{partner}' is not a known partner; import the partners first");
            }
            var assets = new List<(AssetKind, string)>();
            foreach (var item in RegistryFields.SplitList(get("networks")))
                if (Check(errors, RegistryFields.Network(item, out var network))) assets.Add((AssetKind.Network, network));
            foreach (var item in RegistryFields.SplitList(get("domains")))
                if (Check(errors, RegistryFields.Domain(item, out var domain))) assets.Add((AssetKind.Domain, domain));
            foreach (var item in RegistryFields.SplitList(get("asns")))
                if (Check(errors, RegistryFields.Asn(item, out var asn))) assets.Add((AssetKind.Asn, asn.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            string? email = null, phone = null;
            if (get("email").Trim().Length > 0 && Check(errors, RegistryFields.Email("email", get("email"), out var e))) email = e;
            if (get("phone").Trim().Length > 0 && Check(errors, RegistryFields.Phone(get("phone"), out var p))) phone = p;
            var languageList = RegistryFields.SplitList(get("languages"), commaToo: true);
            Check(errors, RegistryFields.Languages(languageList, out var languages));
            if (languageList.Length > 0 && get("email").Trim().Length == 0 && get("phone").Trim().Length == 0)
                errors.Add("languages are given without an e-mail address or phone number to go with them");

            OrganisationDraft? draft = null;
            if (errors.Count == 0 && !drafts.TryGetValue(kvk, out draft))
            {
                if (Check(errors, RegistryFields.Name(name, out name)))
                {
                    draft = new OrganisationDraft(kvk, name);
                }
            }
            else if (draft is not null)
            {
                Agree(errors, "name", draft.Organisation.Name, name);
                Agree(errors, "sector", draft.Organisation.Sector, sector);
                Agree(errors, "partner", draft.Organisation.PartnerCode, partner);
                if (vital is not null && draft.Vital is not null && vital != draft.Vital)
                    errors.Add($"vital '{Text(vital.Value)}' differs from '{Text(draft.Vital.Value)}' on an earlier row for kvk {kvk}");
            }
            if (Report(RegistryTable.Organisations, line, errors, problems) || draft is null) continue;

            if (!drafts.ContainsKey(kvk))
            {
                drafts[kvk] = draft;
                order.Add(draft);
            }
            var organisation = draft.Organisation;
            if (sector.Length > 0) organisation.Sector = sector;
            if (partner.Length > 0) organisation.PartnerCode = partner;
            draft.Vital ??= vital;
            foreach (var (kind, value) in assets) draft.AddAsset(kind, value);
            if (email is not null || phone is not null) draft.AddContact(email, phone, languages.Length > 0 ? languages : DefaultLanguages);
        }
        var parts = Part("sector", OrganisationParts.Sector) | Part("vital", OrganisationParts.Vital) | Part("partner", OrganisationParts.Partner)
            | Part("networks", OrganisationParts.Networks) | Part("domains", OrganisationParts.Domains) | Part("asns", OrganisationParts.Asns)
            | Part("email", OrganisationParts.Contacts) | Part("phone", OrganisationParts.Contacts) | Part("languages", OrganisationParts.Contacts);
        return order.ConvertAll(d => (d.Complete(), parts));
    }

    private OrganisationParts Part(string column, OrganisationParts part) => _columns.ContainsKey(column) ? part : OrganisationParts.None;

    public void Dispose() => _reader?.Dispose();

    internal const string DefaultLanguages = "nl,en";

    private static string Text(bool value) => value ? "true" : "false";

    private static void Agree(List<string> errors, string field, string? earlier, string given)
    {
        if (given.Length > 0 && earlier is not null && earlier != given)
            errors.Add($"{field} '{given}' differs from '{earlier}' on an earlier row for the same kvk; leave it empty or give the same");
    }

    private static bool Check(List<string> errors, string? error)
    {
        if (error is null) return true;
        errors.Add(error);
        return false;
    }

    private bool Report(RegistryTable table, long line, List<string> errors, List<RegistryProblem> problems)
    {
        foreach (var error in errors) problems.Add(new RegistryProblem(_source, table, line, null, error));
        return errors.Count > 0;
    }

    /// <summary>Unknown columns are reported (a misspelt column would otherwise be dropped without a word) and ignored.</summary>
    private bool CheckColumns(RegistryTable table, string[] known, string[] required, List<RegistryProblem> problems)
    {
        if (_reader is null || Table != table) throw new InvalidOperationException($"This is not a {table} file.");
        var missing = required.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new RegistryProblem(_source, table, 1, null, $"the header lacks the column(s) {string.Join(", ", missing)}; nothing was imported"));
            return false;
        }
        foreach (var column in _columns.Keys)
            if (!known.Contains(column, StringComparer.OrdinalIgnoreCase))
                problems.Add(new RegistryProblem(_source, table, 1, null, $"column '{column}' is not part of the format and is ignored"));
        return true;
    }

    /// <summary>The non-blank rows, each with a getter by column name that gives "" for an absent column.</summary>
    private IEnumerable<(long Line, Func<string, string> Get)> Rows()
    {
        foreach (var row in _reader!)
        {
            var values = new string[row.ColCount];
            var blank = true;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row[i].ToString();
                if (!string.IsNullOrWhiteSpace(values[i])) blank = false;
            }
            if (blank) continue;
            yield return (row.LineNumberFrom, name => _columns.TryGetValue(name, out var i) && i < values.Length ? values[i] : "");
        }
    }
}

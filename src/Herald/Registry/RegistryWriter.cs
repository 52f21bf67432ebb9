using System.Globalization;
using System.Text;
using System.Text.Json;
using Herald.Storage;

namespace Herald.Registry;

/// <summary>Writes registry records in the CSV and JSON formats that <see cref="RegistryImporter"/> reads (docs/registry-format.md).</summary>
public static class RegistryWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    /// <summary>
    /// One row per contact (one row for an organisation without contacts). Every row repeats name, sector, vital and
    /// partner, so that sorting the file in a spreadsheet keeps it valid; the assets are on the first row only.
    /// </summary>
    public static void WriteOrganisationsCsv(TextWriter writer, IEnumerable<Organisation> organisations)
    {
        var line = new StringBuilder(256);
        writer.Write(string.Join(',', RegistryCsv.OrganisationColumns));
        writer.Write('\n');
        foreach (var organisation in organisations)
        {
            var contacts = organisation.Contacts.Count == 0 ? [null] : organisation.Contacts.ToArray<Contact?>();
            for (var i = 0; i < contacts.Length; i++)
            {
                line.Clear();
                CsvText.Field(line, organisation.KvkNumber).Append(',');
                CsvText.Field(line, organisation.Name).Append(',');
                CsvText.Field(line, organisation.Sector).Append(',');
                line.Append(organisation.Vital ? "true" : "false").Append(',');
                CsvText.Field(line, organisation.PartnerCode).Append(',');
                CsvText.Field(line, i == 0 ? Assets(organisation, AssetKind.Network) : null).Append(',');
                CsvText.Field(line, i == 0 ? Assets(organisation, AssetKind.Domain) : null).Append(',');
                CsvText.Field(line, i == 0 ? Assets(organisation, AssetKind.Asn) : null).Append(',');
                var contact = contacts[i];
                CsvText.Field(line, contact?.Email).Append(',');
                CsvText.Field(line, contact?.Phone).Append(',');
                CsvText.Field(line, contact?.Languages.Replace(',', RegistryFields.ListSeparator)).Append('\n');
                writer.Write(line);
            }
        }
    }

    public static void WritePartnersCsv(TextWriter writer, IEnumerable<Partner> partners)
    {
        var line = new StringBuilder(128);
        writer.Write(string.Join(',', [.. RegistryCsv.PartnerColumns, .. PartnerForwarding.Columns]));
        writer.Write('\n');
        foreach (var partner in partners)
        {
            line.Clear();
            CsvText.Field(line, partner.Code).Append(',');
            CsvText.Field(line, partner.Name).Append(',');
            line.Append(KindName(partner.Kind)).Append(',');
            CsvText.Field(line, partner.Email);
            foreach (var value in PartnerForwarding.Values(partner)) CsvText.Field(line.Append(','), value);
            writer.Write(line.Append('\n'));
        }
    }

    public static void WriteNetworkOwnersCsv(TextWriter writer, IEnumerable<NetworkOwner> owners)
    {
        var line = new StringBuilder(128);
        writer.Write(string.Join(',', RegistryCsv.NetworkOwnerColumns));
        writer.Write('\n');
        foreach (var owner in owners)
        {
            line.Clear();
            line.Append(owner.Asn.ToString(CultureInfo.InvariantCulture)).Append(',');
            CsvText.Field(line, owner.Name).Append(',');
            CsvText.Field(line, owner.AbuseEmail).Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>One document with the three sections, in the order they are imported.</summary>
    public static void WriteJson(Stream stream, IEnumerable<Partner> partners, IEnumerable<NetworkOwner> networkOwners, IEnumerable<Organisation> organisations)
    {
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteStartArray(RegistryJson.PartnersSection);
        foreach (var partner in partners)
        {
            json.WriteStartObject();
            json.WriteString("code", partner.Code);
            json.WriteString("name", partner.Name);
            json.WriteString("kind", KindName(partner.Kind));
            json.WriteString("email", partner.Email);
            var values = PartnerForwarding.Values(partner);
            for (var i = 0; i < values.Length; i++)
                if (values[i].Length > 0) json.WriteString(PartnerForwarding.Columns[i], values[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray(RegistryJson.NetworkOwnersSection);
        foreach (var owner in networkOwners)
        {
            json.WriteStartObject();
            json.WriteNumber("asn", owner.Asn);
            json.WriteString("name", owner.Name);
            json.WriteString("abuse_email", owner.AbuseEmail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray(RegistryJson.OrganisationsSection);
        foreach (var organisation in organisations) WriteOrganisation(json, organisation);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The name of a partner kind in the file formats.</summary>
    public static string KindName(PartnerKind kind) => kind switch
    {
        PartnerKind.NationalCsirt => "national-csirt",
        PartnerKind.Cert => "cert",
        PartnerKind.Liaison => "liaison",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void WriteOrganisation(Utf8JsonWriter json, Organisation organisation)
    {
        json.WriteStartObject();
        json.WriteString("kvk", organisation.KvkNumber);
        json.WriteString("name", organisation.Name);
        if (organisation.Sector is not null) json.WriteString("sector", organisation.Sector);
        json.WriteBoolean("vital", organisation.Vital);
        if (organisation.PartnerCode is not null) json.WriteString("partner", organisation.PartnerCode);
        json.WriteStartArray("networks");
        foreach (var asset in organisation.Assets)
            if (asset.Kind == AssetKind.Network) json.WriteStringValue(asset.Value);
        json.WriteEndArray();
        json.WriteStartArray("domains");
        foreach (var asset in organisation.Assets)
            if (asset.Kind == AssetKind.Domain) json.WriteStringValue(asset.Value);
        json.WriteEndArray();
        json.WriteStartArray("asns");
        foreach (var asset in organisation.Assets)
            if (asset.Kind == AssetKind.Asn) json.WriteNumberValue(long.Parse(asset.Value, CultureInfo.InvariantCulture));
        json.WriteEndArray();
        json.WriteStartArray("contacts");
        foreach (var contact in organisation.Contacts)
        {
            json.WriteStartObject();
            if (contact.Email is not null) json.WriteString("email", contact.Email);
            if (contact.Phone is not null) json.WriteString("phone", contact.Phone);
            json.WriteStartArray("languages");
            foreach (var language in contact.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries)) json.WriteStringValue(language);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Assets(Organisation organisation, AssetKind kind)
    {
        var values = new List<string>();
        foreach (var asset in organisation.Assets)
            if (asset.Kind == kind) values.Add(asset.Value);
        return string.Join(RegistryFields.ListSeparator, values);
    }
}

using System.Globalization;
using System.Text;

namespace Herald.Registry;

/// <summary>Word lists and patterns for Dutch-looking organisation names, and the slugs that domains are made of.</summary>
internal static class SyntheticNames
{
    public static readonly string[] Surnames =
    [
        "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer",
        "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
        "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
        "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven",
        "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters",
        "de Jong", "Kuipers", "Postma", "Koning", "van Wijk", "Scholten", "Boersma", "Timmermans", "Groen", "Gerritsen",
        "Bosman", "Sanders", "Wouters", "Veenstra", "Hermans", "Evers", "van Loon", "Kramer", "Molenaar", "Claassen",
    ];

    public static readonly string[] Places =
    [
        "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda", "Nijmegen",
        "Apeldoorn", "Arnhem", "Haarlem", "Enschede", "Amersfoort", "Zaanstad", "Den Bosch", "Zwolle", "Leiden", "Maastricht",
        "Dordrecht", "Zoetermeer", "Ede", "Deventer", "Delft", "Alkmaar", "Venlo", "Leeuwarden", "Helmond", "Hilversum",
        "Heerlen", "Oss", "Assen", "Emmen", "Goes", "Middelburg", "Sneek", "Meppel", "Harderwijk", "Zutphen",
        "Roermond", "Gouda", "Hoorn", "Purmerend", "Schiedam", "Vlaardingen", "Kampen", "Doetinchem", "Terneuzen", "Den Helder",
    ];

    public static readonly string[] Regions =
    [
        "Noord-Holland", "Zuid-Holland", "Utrecht", "Gelderland", "Brabant", "Limburg", "Zeeland", "Friesland", "Groningen", "Drenthe",
        "Overijssel", "Flevoland", "Twente", "Rijnmond", "Veluwe", "Achterhoek", "Haaglanden", "Kennemerland", "West-Brabant", "IJsselland",
    ];

    public static readonly string[] Provinces =
    [
        "Noord-Holland", "Zuid-Holland", "Utrecht", "Gelderland", "Noord-Brabant", "Limburg", "Zeeland", "Friesland", "Groningen", "Drenthe",
        "Overijssel", "Flevoland",
    ];

    public static readonly string[] Nouns =
    [
        "Eik", "Linde", "Molen", "Zwaan", "Haven", "Brug", "Vuurtoren", "Regenboog", "Klimop", "Wilg", "Kastanje", "Duinen", "Polder", "Sterre",
    ];

    /// <summary>The sectors, with how common they are among organisations and the shapes their names take.</summary>
    public static readonly SyntheticSector[] Sectors =
    [
        new("energie", true, 2, ["{place} Energie N.V.", "Netbeheer {region}", "{surname} Energiediensten B.V.", "Windpark {place} B.V.", "Warmtebedrijf {place}"]),
        new("drinkwater", true, 1, ["Waterbedrijf {region}", "Drinkwater {place} N.V.", "Waterleidingmaatschappij {region}"]),
        new("telecom", true, 2, ["{place}Net B.V.", "{surname} Telecom B.V.", "Glasvezel {region} B.V.", "{region} Connect B.V."]),
        new("zorg", true, 9, ["Zorggroep {place}", "Ziekenhuis {place}", "Huisartsenpraktijk {surname}", "Thuiszorg {region}", "{place} Medisch Centrum", "Apotheek {surname}", "Tandartspraktijk {surname}"]),
        new("overheid", true, 5, ["Gemeente {place}", "Waterschap {region}", "Provincie {province}", "Veiligheidsregio {region}", "Omgevingsdienst {region}"]),
        new("financieel", true, 5, ["{surname} Accountants", "{surname} & {surname} Belastingadviseurs", "{surname} Vermogensbeheer B.V.", "Verzekeringen {surname} B.V.", "{region} Hypotheken B.V."]),
        new("transport", true, 4, ["{surname} Transport B.V.", "Havenbedrijf {place}", "Vervoerbedrijf {region}", "Taxicentrale {place}", "{surname} Koeriers B.V."]),
        new("retail", false, 11, ["{surname} Mode", "Bakkerij {surname}", "Fietsenwinkel {surname}", "{surname} Wonen B.V.", "Slagerij {surname}", "Supermarkt {surname} {place}"]),
        new("bouw", false, 11, ["{surname} Installatietechniek B.V.", "Bouwbedrijf {surname}", "{surname} Aannemers B.V.", "Schildersbedrijf {surname}", "{surname} Dakwerken", "{surname} Elektrotechniek B.V."]),
        new("onderwijs", false, 6, ["Hogeschool {place}", "{surname} College", "Stichting Openbaar Onderwijs {place}", "ROC {region}", "Basisschool De {noun}", "Kinderopvang De {noun}"]),
        new("ICT-dienstverlening", false, 8, ["{surname} ICT B.V.", "{place} Hosting B.V.", "Cloudwerk {place}", "{surname} Software B.V.", "{region} IT Beheer B.V.", "Datacenter {place} B.V."]),
        new("logistiek", false, 6, ["{surname} Logistiek B.V.", "Distributiecentrum {place}", "{place} Warehousing B.V.", "{surname} Expeditie B.V."]),
        new("horeca", false, 5, ["Hotel {place}", "Restaurant De {noun}", "Café {surname}", "Eetcafé De {noun}", "Grand Café {place}"]),
        new("industrie", false, 8, ["{surname} Metaalbewerking B.V.", "{place} Kunststoffen B.V.", "Machinefabriek {surname}", "{surname} Voedingsmiddelen B.V.", "{surname} Verpakkingen B.V."]),
        new("zakelijke dienstverlening", false, 10, ["{surname} Advocaten", "{surname} Notarissen", "Adviesbureau {surname}", "{surname} & {surname} Makelaars", "{place} Uitzendbureau B.V."]),
        new("landbouw", false, 3, ["Kwekerij {surname}", "Melkveebedrijf {surname}", "Loonbedrijf {surname}", "{surname} Agri B.V."]),
    ];

    public static string Name(string pattern, DeterministicRandom random)
    {
        var name = new StringBuilder(pattern.Length + 16);
        var rest = pattern.AsSpan();
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            if (open < 0)
            {
                name.Append(rest);
                break;
            }
            name.Append(rest[..open]);
            var close = rest[open..].IndexOf('}') + open;
            var word = rest[(open + 1)..close] switch
            {
                "surname" => random.Pick(Surnames),
                "place" => random.Pick(Places),
                "region" => random.Pick(Regions),
                "province" => random.Pick(Provinces),
                "noun" => random.Pick(Nouns),
                var other => throw new InvalidOperationException($"Unknown name part {{{other.ToString()}}}."),
            };
            // A surname opens with a capital at the start of a name: "Van den Berg Transport", "De Vries Accountants".
            name.Append(name.Length == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            rest = rest[(close + 1)..];
        }
        return name.ToString();
    }

    /// <summary>
    /// A domain label from a name: lower case, without accents, legal forms and punctuation;
    /// "Café De Vries B.V." becomes "cafe-de-vries", "Van den Berg & Bos" becomes "van-den-berg-en-bos".
    /// </summary>
    public static string Slug(string name)
    {
        var text = name.Replace(" B.V.", "", StringComparison.Ordinal).Replace(" N.V.", "", StringComparison.Ordinal)
            .Replace("&", " en ", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        while (slug.Length > 0 && slug[^1] == '-') slug.Length--;
        if (slug.Length > 50) slug.Length = 50;
        return slug.ToString().TrimEnd('-');
    }
}

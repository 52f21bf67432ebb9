using System.Globalization;
using System.Text;
using Herald.Notify;
using Herald.Storage;

namespace Herald.Forward;

/// <summary>
/// The short plain-language text of a forward, in Dutch and then English: how many cases for how many registered
/// organisations, of which kinds, in which file and format, and how to check that the message is genuine.
/// </summary>
public sealed class ForwardCoverText(ServiceOptions service)
{
    /// <param name="kinds">Classification identifiers (or types) with their number of cases, most frequent first.</param>
    public (string Subject, string Text) Compose(Partner partner, string reference, string code, int cases, int organisations,
        IReadOnlyList<(string Kind, int Count)> kinds, string fileName)
    {
        var name = OneLine(partner.Name);
        var format = ForwardDocuments.FormatName(partner.Format);
        var n = cases.ToString(CultureInfo.InvariantCulture);
        var orgs = organisations.ToString(CultureInfo.InvariantCulture);
        var list = string.Join(", ", kinds.Take(10).Select(k => $"{OneLine(k.Kind)} ({k.Count.ToString(CultureInfo.InvariantCulture)})"));
        var https = partner.Channel == PartnerChannel.HttpsPost;
        var text = new StringBuilder();
        text.Append("Beste ").Append(name).Append(",\n\n")
            .Append(service.Name).Append(" stuurt u ").Append(n).Append(cases == 1 ? " melding" : " meldingen")
            .Append(" door over systemen in uw achterban (").Append(orgs).Append(organisations == 1 ? " bij ons geregistreerde organisatie" : " bij ons geregistreerde organisaties")
            .Append("), met het verzoek deze af te handelen.\n")
            .Append("Soorten: ").Append(list).Append(".\n")
            .Append(https ? "De meldingen zijn per HTTPS afgeleverd als " : "De meldingen staan in de bijlage ")
            .Append(fileName).Append(" (").Append(format).Append(").\n\n")
            .Append("Referentie: ").Append(reference).Append('\n')
            .Append("Verificatiecode: ").Append(code).Append('\n')
            .Append("Is dit bericht echt? Het komt altijd van ").Append(service.SenderAddress).Append(". Controleer de referentie en code op ")
            .Append(service.VerifyUrl).Append(" of bel ").Append(service.PhoneNumber).Append(". Wij vragen u nooit om via een link in te loggen.\n\n")
            .Append("---\n\n")
            .Append("Dear ").Append(name).Append(",\n\n")
            .Append(service.Name).Append(" forwards ").Append(n).Append(cases == 1 ? " case" : " cases")
            .Append(" about systems in your constituency (").Append(orgs).Append(organisations == 1 ? " organisation registered with us" : " organisations registered with us")
            .Append("), for you to handle.\n")
            .Append("Kinds: ").Append(list).Append(".\n")
            .Append(https ? "The cases were delivered over HTTPS as " : "The cases are in the attachment ")
            .Append(fileName).Append(" (").Append(format).Append(").\n\n")
            .Append("Reference: ").Append(reference).Append('\n')
            .Append("Verification code: ").Append(code).Append('\n')
            .Append("Is this message genuine? It always comes from ").Append(service.SenderAddress).Append(". Check the reference and code at ")
            .Append(service.VerifyUrl).Append(" or call ").Append(service.PhoneNumber).Append(". We never ask you to log in through a link.\n");
        var subject = $"[{reference}] Doorgestuurde meldingen / Forwarded cases: {n} ({name})";
        return (subject, text.ToString());
    }

    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

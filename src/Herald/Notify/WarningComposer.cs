using System.Globalization;
using System.Text;
using Herald.Decide;

namespace Herald.Notify;

/// <summary>
/// Renders one warning for one recipient, in Dutch and then English: what we saw, why it is dangerous,
/// what to do now, and how to check that the message is genuine.
/// </summary>
public sealed class WarningComposer(ServiceOptions service, WarningTexts texts)
{
    public ComposedWarning Compose(Route route, string? recipientName, string? memberName, string reference, string verificationCode,
        IReadOnlyList<AffectedAsset> assets)
    {
        var groups = assets
            .GroupBy(a => texts.For(a.Identifier, a.Type).Key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ToList();
        var first = texts.For(groups[0].First().Identifier, groups[0].First().Type);
        var subject = $"[{reference}] {first.Get("title", "nl")} / {first.Get("title", "en")}";
        if (groups.Count > 1) subject = $"[{reference}] {groups.Count} beveiligingsproblemen gevonden / {groups.Count} security problems found";

        var body = new StringBuilder();
        foreach (var language in new[] { "nl", "en" })
        {
            if (language == "en") body.Append('\n').Append('=', 72).Append("\n\nENGLISH VERSION\n\n");
            if (!string.IsNullOrEmpty(recipientName)) body.Append(language == "nl" ? "Aan: " : "To: ").Append(recipientName).Append("\n\n");
            body.Append((route is Route.NationalCsirt or Route.Partner, language) switch
            {
                (true, "nl") => "Beste collega's,",
                (true, _) => "Dear colleagues,",
                (false, "nl") => "Geachte heer, mevrouw,",
                _ => "Dear Sir or Madam,",
            }).Append("\n\n");
            body.Append(Intro(route, memberName, language)).Append("\n\n");
            foreach (var group in groups)
            {
                var text = texts.For(group.First().Identifier, group.First().Type);
                var list = group.ToList();
                body.Append("## ").Append(text.Get("title", language)).Append("\n\n");
                body.Append(Heading("seen", language)).Append('\n').Append(text.Get("seen", language)).Append("\n\n");
                foreach (var asset in list.Take(service.MaxAssetsInText)) body.Append("  - ").Append(Describe(asset, language)).Append('\n');
                if (list.Count > service.MaxAssetsInText)
                    body.Append(language == "nl"
                        ? $"  ... en nog {list.Count - service.MaxAssetsInText} andere; de volledige lijst staat in de bijlage.\n"
                        : $"  ... and {list.Count - service.MaxAssetsInText} more; the full list is attached.\n");
                body.Append('\n');
                body.Append(Heading("why", language)).Append('\n').Append(text.Get("why", language)).Append("\n\n");
                body.Append(Heading("todo", language)).Append('\n').Append(text.Get("todo", language)).Append("\n\n");
            }
            body.Append(Heading("genuine", language)).Append('\n').Append(Genuine(reference, verificationCode, language)).Append("\n\n");
            body.Append(language == "nl" ? "Met vriendelijke groet,\n" : "Kind regards,\n").Append(service.SenderName).Append('\n');
        }
        var csv = assets.Count > service.MaxAssetsInText ? AssetsCsv(assets) : null;
        return new ComposedWarning(subject, body.ToString(), csv);
    }

    private static string Heading(string section, string language) => (section, language) switch
    {
        ("seen", "nl") => "Wat hebben we gezien?",
        ("why", "nl") => "Waarom is dit gevaarlijk?",
        ("todo", "nl") => "Wat moet u nu doen?",
        ("genuine", "nl") => "Is dit bericht echt?",
        ("seen", _) => "What did we see?",
        ("why", _) => "Why is this dangerous?",
        ("todo", _) => "What should you do now?",
        _ => "Is this message genuine?",
    };

    private string Intro(Route route, string? memberName, string language)
    {
        var member = string.IsNullOrEmpty(memberName) ? null : memberName;
        return (route, language) switch
        {
            (Route.NationalCsirt, "nl") or (Route.Partner, "nl") =>
                $"{service.Name} ontving informatie over een beveiligingsprobleem bij {member ?? "een organisatie"} uit uw achterban. " +
                "Wij vragen u de organisatie te waarschuwen, zoals afgesproken.",
            (Route.NationalCsirt, _) or (Route.Partner, _) =>
                $"{service.Name} received information about a security problem at {member ?? "an organisation"} in your constituency. " +
                "We ask you to warn the organisation, as agreed.",
            (Route.NetworkOwner, "nl") =>
                $"{service.Name} ontving informatie over een beveiligingsprobleem bij systemen in uw netwerk. " +
                "Wij konden de organisatie die deze systemen gebruikt niet zelf bereiken. Wilt u dit bericht doorgeven aan uw klant?",
            (Route.NetworkOwner, _) =>
                $"{service.Name} received information about a security problem with systems in your network. " +
                "We could not reach the organisation using these systems ourselves. Please pass this message on to your customer.",
            (_, "nl") => $"{service.Name} waarschuwt organisaties in Nederland voor digitale dreigingen. Wij ontvingen informatie over een beveiligingsprobleem bij uw organisatie.",
            _ => $"{service.Name} warns organisations in the Netherlands about digital threats. We received information about a security problem at your organisation.",
        };
    }

    private string Genuine(string reference, string code, string language) => language == "nl"
        ? $"Dit bericht komt altijd van {service.SenderAddress}. Wij vragen u nooit om via een link in te loggen of gegevens af te geven.\n" +
          $"Controleer de echtheid op {service.VerifyUrl} met referentie {reference} en code {code}, " +
          $"of bel ons op {service.PhoneNumber} en noem de referentie.\n\nReferentie: {reference}\nVerificatiecode: {code}"
        : $"This message always comes from {service.SenderAddress}. We never ask you to log in through a link or to hand over any data.\n" +
          $"Check that it is genuine at {service.VerifyUrl} with reference {reference} and code {code}, " +
          $"or call us on {service.PhoneNumber} and quote the reference.\n\nReference: {reference}\nVerification code: {code}";

    private static string Describe(AffectedAsset a, string language)
    {
        var s = new StringBuilder();
        s.Append(a.Ip ?? a.HostName ?? "?");
        if (a.Port is { } port) s.Append(language == "nl" ? " poort " : " port ").Append(port.ToString(CultureInfo.InvariantCulture));
        if (a.Transport is { Length: > 0 } t) s.Append('/').Append(t);
        if (a.HostName is { Length: > 0 } h && a.Ip is not null) s.Append(" (").Append(h).Append(')');
        if (a.SeenAt is { } seen)
            s.Append(language == "nl" ? ", gezien op " : ", seen on ").Append(seen.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC");
        if (a.Vulnerabilities.Count > 0) s.Append(", ").Append(string.Join(", ", a.Vulnerabilities));
        if (a.Organisation is { Length: > 0 } org) s.Append(" [").Append(org).Append(']');
        return s.ToString();
    }

    private static string AssetsCsv(IReadOnlyList<AffectedAsset> assets)
    {
        var csv = new StringBuilder("ip,port,transport,hostname,seen_utc,identifier,vulnerabilities,organisation\n");
        foreach (var a in assets)
        {
            csv.Append(Cell(a.Ip)).Append(',').Append(a.Port?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(a.Transport)).Append(',').Append(Cell(a.HostName)).Append(',')
                .Append(a.SeenAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(a.Identifier)).Append(',').Append(Cell(string.Join(' ', a.Vulnerabilities))).Append(',')
                .Append(Cell(a.Organisation)).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Quotes a CSV cell and defuses spreadsheet formulas (a cell may come from a report).</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

using System.Globalization;
using System.Text;
using Herald.Notify;

namespace Herald.Cases;

/// <summary>
/// The texts of a reminder (to the recipient: still affected) and an escalation (to the network owner: the
/// recipient did not act), in Dutch and then English, each naming the original warning's reference and ending
/// with how to check that the message is genuine.
/// </summary>
public sealed class FollowUpComposer(ServiceOptions service)
{
    public (string Subject, string Body) Reminder(string reference, string code, IReadOnlyList<Case> cases) =>
        Compose(reference, code, cases, escalation: false);

    public (string Subject, string Body) Escalation(string reference, string code, IReadOnlyList<Case> cases) =>
        Compose(reference, code, cases, escalation: true);

    private (string, string) Compose(string reference, string code, IReadOnlyList<Case> cases, bool escalation)
    {
        var originals = string.Join(", ", cases.Select(c => c.Reference).Distinct());
        var subject = escalation
            ? $"[{reference}] Escalatie: systemen in uw netwerk nog steeds kwetsbaar / Escalation: systems in your network still vulnerable"
            : $"[{reference}] Herinnering: nog steeds kwetsbaar / Reminder: still vulnerable";
        var body = new StringBuilder();
        foreach (var nl in new[] { true, false })
        {
            if (!nl) body.Append('\n').Append('=', 72).Append("\n\nENGLISH VERSION\n\n");
            body.Append(nl ? "Geachte heer, mevrouw,\n\n" : "Dear Sir or Madam,\n\n");
            body.Append((escalation, nl) switch
            {
                (false, true) => $"Eerder waarschuwde {service.Name} u (referentie {originals}). Onze laatste gegevens laten zien dat het probleem nog niet is opgelost:",
                (false, false) => $"{service.Name} warned you before (reference {originals}). Our latest data show that the problem has not been solved yet:",
                (true, true) => $"{service.Name} waarschuwde een gebruiker van uw netwerk (referentie {originals}) en stuurde een herinnering. De systemen hieronder zijn nog steeds kwetsbaar. Wilt u uw klant hierop aanspreken?",
                (true, false) => $"{service.Name} warned a user of your network (reference {originals}) and sent a reminder. The systems below are still vulnerable. Please take this up with your customer.",
            }).Append("\n\n");
            foreach (var c in cases)
            {
                body.Append("  - ").Append(c.Asset).Append(", ").Append(c.Issue).Append(nl ? ": eerst gemeld " : ": first reported ")
                    .Append(Day(c.OpenedAt)).Append(nl ? ", laatst gezien " : ", last seen ").Append(Day(c.LastSeenAt))
                    .Append(nl ? ", aantal keren gezien: " : ", times seen: ").Append(c.SeenCount.ToString(CultureInfo.InvariantCulture))
                    .Append(" (").Append(c.Reference).Append(")\n");
            }
            body.Append('\n').Append(nl
                ? "Wat u moet doen staat in onze eerste waarschuwing. Schakel zo nodig uw IT-leverancier in.\n\n"
                : "What to do is in our first warning. Call in your IT supplier if needed.\n\n");
            body.Append(nl ? "Is dit bericht echt?\n" : "Is this message genuine?\n").Append(nl
                ? $"Dit bericht komt altijd van {service.SenderAddress}. Wij vragen u nooit om via een link in te loggen of gegevens af te geven.\n" +
                  $"Controleer de echtheid op {service.VerifyUrl} met referentie {reference} en code {code}, of bel ons op {service.PhoneNumber}.\n\n"
                : $"This message always comes from {service.SenderAddress}. We never ask you to log in through a link or to hand over any data.\n" +
                  $"Check that it is genuine at {service.VerifyUrl} with reference {reference} and code {code}, or call us on {service.PhoneNumber}.\n\n");
            body.Append(nl ? "Met vriendelijke groet,\n" : "Kind regards,\n").Append(service.SenderName).Append('\n');
        }
        return (subject, body.ToString());
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using MimeKit;

namespace Herald.Tests.Cases;

/// <summary>Delivery status notifications (RFC 3464) and replies as receiving mail servers and people write them.</summary>
internal static class Bounces
{
    /// <summary>A bounce for <paramref name="original"/>; with <paramref name="headersOnly"/> it carries text/rfc822-headers instead of the whole message.</summary>
    public static MimeMessage For(MimeMessage original, string recipient, string status, bool headersOnly = false)
    {
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = $"Your message to {recipient} could not be delivered.\n" },
        };
        var dsn = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", "dns; mx.receiver.example" }, { "Arrival-Date", "Mon, 2 Nov 2026 08:00:05 +0000" } };
        var action = status[0] == '5' ? "failed" : "delayed";
        var perRecipient = new HeaderList
        {
            { "Final-Recipient", $"rfc822; {recipient}" },
            { "Action", action },
            { "Status", status },
            { "Diagnostic-Code", $"smtp; {(status[0] == '5' ? "550" : "451")} {status} mailbox problem" },
        };
        dsn.StatusGroups.Add(perMessage);
        dsn.StatusGroups.Add(perRecipient);
        report.Add(dsn);
        if (headersOnly)
        {
            var headers = new MimeMessage();
            headers.Headers.Clear();
            foreach (var header in original.Headers) headers.Headers.Add(header.Clone());
            report.Add(new TextRfc822Headers { Message = headers });
        }
        else
        {
            report.Add(new MessagePart("rfc822") { Message = original });
        }
        var bounce = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", Body = report };
        bounce.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.receiver.example"));
        bounce.To.Add(original.From.Mailboxes.First());
        return bounce;
    }

    public static MimeMessage Reply(MimeMessage original, string from, string text, bool automatic = false)
    {
        var reply = new MimeMessage
        {
            Subject = automatic ? "Automatisch antwoord: " + original.Subject : "Re: " + original.Subject,
            InReplyTo = original.MessageId,
            Body = new TextPart("plain") { Text = text },
        };
        reply.References.Add(original.MessageId!);
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.Add(original.From.Mailboxes.First());
        if (automatic) reply.Headers.Add("Auto-Submitted", "auto-replied");
        return reply;
    }
}

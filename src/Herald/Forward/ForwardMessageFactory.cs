using Herald.Notify;
using Herald.Signing;
using Herald.Storage;
using MimeKit;

namespace Herald.Forward;

/// <summary>
/// A forward by e-mail: the cover text (checked against the same content rules as every warning) as the plain-text
/// part, the document as the attachment, the warning's headers (reference, route, Message-ID from the reference),
/// signed like warnings (OpenPGP where a key ring is configured, then DKIM).
/// </summary>
public sealed class ForwardMessageFactory(ServiceOptions service, MessageSigning signing)
{
    private readonly ContentRules _rules = new(service);

    public WarningMessage Create(Notification forward, ForwardDocument document)
    {
        var findings = new List<LintFinding>();
        _rules.Check(forward.Reference + " subject", forward.Subject, html: false, source: false, findings);
        _rules.Check(forward.Reference + " text", forward.BodyText, html: false, source: false, findings);
        if (findings.Count > 0) return new WarningMessage(null, "refused by the content rules: " + string.Join("; ", findings.Take(5)));

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(service.SenderName, service.SenderAddress));
        message.To.Add(new MailboxAddress(forward.RecipientName ?? "", forward.RecipientEmail));
        message.Subject = forward.Subject;
        message.MessageId = forward.MessageId;
        message.Date = forward.CreatedAt;
        message.Headers.Add(WarningMessageFactory.ReferenceHeader, forward.Reference);
        message.Headers.Add("X-Herald-Route", forward.Route.ToString());
        message.Headers.Add(HeaderId.ContentLanguage, "nl, en");
        message.Body = new Multipart("mixed") { new TextPart("plain") { Text = forward.BodyText }, Attachment(document) };
        signing.Sign(message);
        return new WarningMessage(message, null);
    }

    /// <summary>The document read from its file as the message is written (never copied into memory), base64-encoded.</summary>
    private static MimePart Attachment(ForwardDocument document) => new(ContentType.Parse(document.MediaType))
    {
        Content = new MimeContent(document.Content),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = document.FileName,
        IsAttachment = true,
    };
}

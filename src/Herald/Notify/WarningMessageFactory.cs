using Herald.Signing;
using Herald.Storage;
using MimeKit;

namespace Herald.Notify;

/// <summary>
/// The seam between a stored warning and whatever sends it (the pickup folder, an SMTP relay): the warning's
/// text is checked again against the content rules (a warning made from a template that was changed, or from
/// data that slipped past, is refused with the reason), then becomes a MIME message with a plain-text and an
/// HTML part and the CSV attachment, signed with OpenPGP and DKIM where keys are configured.
/// </summary>
public sealed class WarningMessageFactory(ServiceOptions service, MessageSigning signing)
{
    public const string ReferenceHeader = "X-Herald-Reference";

    private readonly ContentRules _rules = new(service);

    public MessageSigning Signing => signing;

    /// <param name="assetsCsv">
    /// The CSV of all assets when the warning has it attached (<see cref="WarningAttachment"/>): seekable, read where it
    /// is when the message is signed and written, never copied into memory; the caller disposes it after sending.
    /// </param>
    public WarningMessage Create(Notification warning, Stream? assetsCsv = null)
    {
        var findings = new List<LintFinding>();
        _rules.Check(warning.Reference + " subject", warning.Subject, html: false, source: false, findings);
        _rules.Check(warning.Reference + " text", warning.BodyText, html: false, source: false, findings);
        if (warning.BodyHtml is { } html) _rules.Check(warning.Reference + " html", html, html: true, source: false, findings);
        if (findings.Count > 0) return new WarningMessage(null, "refused by the content rules: " + string.Join("; ", findings.Take(5)));

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(service.SenderName, service.SenderAddress));
        message.To.Add(new MailboxAddress(warning.RecipientName ?? "", warning.RecipientEmail));
        message.Subject = warning.Subject;
        message.MessageId = warning.MessageId;
        message.Date = warning.CreatedAt;
        message.Headers.Add(ReferenceHeader, warning.Reference);
        message.Headers.Add("X-Herald-Route", warning.Route.ToString());
        if (warning.FollowUpOf is { } original)
        {
            // A reminder threads under the warning it follows up.
            var originalId = Deliver.MessageIds.ForReference(original, service.SenderAddress);
            message.InReplyTo = originalId;
            message.References.Add(originalId);
        }
        if (warning.Languages.Length > 0) message.Headers.Add(HeaderId.ContentLanguage, warning.Languages.Replace(",", ", ", StringComparison.Ordinal));
        var builder = new BodyBuilder { TextBody = warning.BodyText, HtmlBody = warning.BodyHtml };
        if (warning.AssetsAttached)
            builder.Attachments.Add(AssetsCsv.Attachment(WarningComposer.AttachmentName(warning.Reference),
                assetsCsv ?? throw new ArgumentNullException(nameof(assetsCsv), $"{warning.Reference} has its assets attached: their CSV is needed.")));
        message.Body = builder.ToMessageBody();
        signing.Sign(message);
        return new WarningMessage(message, null);
    }
}

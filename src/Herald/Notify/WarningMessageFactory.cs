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

    /// <summary>The fixed sender, encoded once; each message gets a copy of the header instead of parsing the address again.</summary>
    private readonly Header _from = new(HeaderId.From, new MailboxAddress(service.SenderName, service.SenderAddress).ToString(encode: true));

    public MessageSigning Signing => signing;

    /// <param name="assetsCsv">
    /// The CSV of all assets when the warning has it attached (<see cref="WarningAttachment"/>): seekable, read where it
    /// is when the message is signed and written, never copied into memory; the caller disposes it after sending.
    /// </param>
    public WarningMessage Create(Notification warning, Stream? assetsCsv = null)
    {
        if (Refusal(warning) is { } refusal) return new WarningMessage(null, refusal);
        var message = Build(warning, assetsCsv);
        signing.Sign(message);
        return new WarningMessage(message, null);
    }

    /// <summary>Why the content rules refuse the text that would be sent (subject, text and HTML part), or null.</summary>
    internal string? Refusal(Notification warning)
    {
        var findings = new List<LintFinding>();
        _rules.Check(warning.Reference + " subject", warning.Subject, html: false, source: false, findings);
        _rules.Check(warning.Reference + " text", warning.BodyText, html: false, source: false, findings);
        if (warning.BodyHtml is { } html) _rules.Check(warning.Reference + " html", html, html: true, source: false, findings);
        return findings.Count > 0 ? "refused by the content rules: " + string.Join("; ", findings.Take(5)) : null;
    }

    /// <summary>The unsigned MIME message of a warning that passed the content rules.</summary>
    internal MimeMessage Build(Notification warning, Stream? assetsCsv = null)
    {
        // From a header list rather than new MimeMessage(), which makes a Date and a Message-Id only to have them replaced.
        var message = new MimeMessage((IEnumerable<Header>)[_from.Clone()]);
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
        message.Body = Body(warning, assetsCsv);
        return message;
    }

    /// <summary>The text part, the HTML part as its alternative, and the CSV of all assets when there is one (as BodyBuilder lays them out).</summary>
    private static MimeEntity Body(Notification warning, Stream? assetsCsv)
    {
        MimeEntity body = warning.BodyHtml is { } html
            ? new MultipartAlternative { Encoded(new TextPart("plain"), warning.BodyText), Encoded(new TextPart("html"), html) }
            : Encoded(new TextPart("plain"), warning.BodyText);
        if (!warning.AssetsAttached) return body;
        var attachment = AssetsCsv.Attachment(WarningComposer.AttachmentName(warning.Reference),
            assetsCsv ?? throw new ArgumentNullException(nameof(assetsCsv), $"{warning.Reference} has its assets attached: their CSV is needed."));
        return new Multipart("mixed") { body, attachment };
    }

    /// <summary>
    /// UTF-8 text encoded as quoted-printable once, here: the part is then 7-bit clean for signing and sending, and
    /// every later write (DKIM's, OpenPGP's, the relay's) copies the encoded bytes instead of encoding them again.
    /// </summary>
    private static T Encoded<T>(T part, string text) where T : MimePart
    {
        part.ContentType.Charset = "utf-8";
        part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        part.Content = new MimeContent(new MemoryStream(QuotedPrintable.Encode(text), writable: false), ContentEncoding.QuotedPrintable);
        return part;
    }
}

using System.Text;
using Herald.Notify;
using Herald.Storage;
using MimeKit;

namespace Herald.Deliver;

/// <summary>
/// Turns a stored warning into the message that goes out: fixed sender, the recipient, the Message-ID derived
/// from the reference, the reference header, the text and the assets attachment. The one place where a
/// notification becomes MIME, so that rendering and signing can change without touching delivery.
/// </summary>
public sealed class WarningMessageFactory(ServiceOptions service)
{
    public const string ReferenceHeader = "X-Herald-Reference";

    public MimeMessage Create(Notification n)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(service.SenderName, service.SenderAddress));
        message.To.Add(new MailboxAddress(n.RecipientName ?? "", n.RecipientEmail));
        message.Subject = n.Subject;
        message.MessageId = n.MessageId;
        message.Date = n.CreatedAt;
        message.Headers.Add(ReferenceHeader, n.Reference);
        message.Headers.Add("X-Herald-Route", n.Route.ToString());
        if (n.FollowUpOf is { } original)
        {
            // A reminder threads under the warning it follows up.
            var originalId = MessageIds.ForReference(original, service.SenderAddress);
            message.InReplyTo = originalId;
            message.References.Add(originalId);
        }
        var builder = new BodyBuilder { TextBody = n.BodyText };
        if (n.AssetsCsv is not null)
            builder.Attachments.Add($"{n.Reference}-systemen-systems.csv", Encoding.UTF8.GetBytes(n.AssetsCsv), new ContentType("text", "csv") { Charset = "utf-8" });
        message.Body = builder.ToMessageBody();
        return message;
    }
}

using System.Text.RegularExpressions;
using MimeKit;

namespace Herald.Cases;

/// <summary>
/// Sorts a message from the bounce and reply mailbox: a delivery status notification (RFC 3464, hard or soft by
/// its status code), an automatic reply (Auto-Submitted, X-Autoreply, Precedence, the usual subjects), or a
/// person's reply; and gathers what links it to a warning (Message-IDs of the original, In-Reply-To,
/// References, the reference in the subject or text).
/// </summary>
public sealed class InboundClassifier(string referencePrefix)
{
    private static readonly string[] AutoSubjects =
    [
        "out of office", "out of the office", "automatic reply", "auto reply", "autoreply", "auto-reply", "afwezig",
        "automatisch antwoord", "vakantie", "ticket", "we have received", "wij hebben uw", "ontvangstbevestiging",
    ];

    private readonly Regex _reference = new($@"\b{Regex.Escape(referencePrefix)}-\d{{4}}-\d{{6}}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public ClassifiedMail Classify(MimeMessage message)
    {
        var ids = new List<string>();
        if (message.InReplyTo is { Length: > 0 } inReplyTo) ids.Add(inReplyTo);
        ids.AddRange(message.References);
        var text = message.TextBody ?? "";
        var references = new List<string>();
        AddReferences(message.Subject, references);

        var report = message.Body as MultipartReport ?? message.BodyParts.OfType<MultipartReport>().FirstOrDefault();
        if (report is not null && report.ReportType?.Equals("delivery-status", StringComparison.OrdinalIgnoreCase) == true)
        {
            var (kind, recipient, status, diagnostic) = ReadStatus(report);
            foreach (var original in OriginalHeaders(report))
            {
                if (original[HeaderId.MessageId] is { Length: > 0 } id) ids.Add(id.Trim().Trim('<', '>'));
                AddReferences(original[HeaderId.Subject], references);
            }
            AddReferences(text, references);
            return new ClassifiedMail(kind, recipient, status, diagnostic, ids, references);
        }
        AddReferences(text, references);
        return new ClassifiedMail(IsAutomatic(message) ? InboundKind.AutoReply : InboundKind.Reply, null, null, null, ids, references);
    }

    private void AddReferences(string? text, List<string> into)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (Match match in _reference.Matches(text))
            if (!into.Contains(match.Value)) into.Add(match.Value);
    }

    /// <summary>The first recipient's status: 5.x.x is permanent, 4.x.x temporary, 2.x.x (delivered, relayed) nothing to do.</summary>
    private static (InboundKind, string?, string?, string?) ReadStatus(MultipartReport report)
    {
        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is null) return (InboundKind.SoftBounce, null, null, "a delivery status report without status fields");
        foreach (var group in status.StatusGroups.Skip(1))
        {
            var code = group["Status"]?.Trim();
            var action = group["Action"]?.Trim().ToLowerInvariant();
            var recipient = Address(group["Final-Recipient"] ?? group["Original-Recipient"]);
            var diagnostic = group["Diagnostic-Code"]?.Trim();
            var kind = (code?.FirstOrDefault(), action) switch
            {
                ('5', _) or (_, "failed") => InboundKind.HardBounce,
                ('4', _) or (_, "delayed") => InboundKind.SoftBounce,
                _ => InboundKind.DeliveryReport,
            };
            return (kind, recipient, code, diagnostic);
        }
        return (InboundKind.SoftBounce, null, null, "a delivery status report without a recipient");
    }

    /// <summary><c>rfc822; user@example.org</c> → <c>user@example.org</c>.</summary>
    private static string? Address(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return null;
        var semicolon = field.IndexOf(';', StringComparison.Ordinal);
        var address = (semicolon >= 0 ? field[(semicolon + 1)..] : field).Trim().Trim('<', '>');
        return address.Length == 0 ? null : address.ToLowerInvariant();
    }

    /// <summary>The headers of the message that bounced: a message/rfc822 part or a text/rfc822-headers part.</summary>
    private static IEnumerable<HeaderList> OriginalHeaders(MultipartReport report)
    {
        // text/rfc822-headers (TextRfc822Headers) is a MessagePart too: its message has the headers only.
        foreach (var part in report)
            if (part is MessagePart { Message: { } original }) yield return original.Headers;
    }

    private static bool IsAutomatic(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers["Auto-Submitted"] is { } auto && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)) return true;
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Auto-Response-Suppress")) return true;
        if (headers["Precedence"]?.Trim().ToLowerInvariant() is "auto_reply" or "bulk" or "junk" or "list") return true;
        var subject = message.Subject?.ToLowerInvariant() ?? "";
        return AutoSubjects.Any(s => subject.Contains(s, StringComparison.Ordinal));
    }
}

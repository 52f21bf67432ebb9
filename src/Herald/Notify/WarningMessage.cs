using MimeKit;

namespace Herald.Notify;

/// <summary>A stored warning made ready to send: the signed message, or the reason it may not be sent.</summary>
public sealed record WarningMessage(MimeMessage? Message, string? Refusal)
{
    public bool Refused => Message is null;
}

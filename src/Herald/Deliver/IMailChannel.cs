using MimeKit;

namespace Herald.Deliver;

/// <summary>A way out for one message: a pickup folder, an SMTP relay.</summary>
public interface IMailChannel
{
    string Name { get; }

    /// <summary>Tries to hand the message over once; faults are reported in the result, not thrown.</summary>
    Task<SendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

using MimeKit;
using MimeKit.Cryptography;

namespace Herald.Signing;

/// <summary>
/// Signs an outgoing warning: first OpenPGP (PGP/MIME; encrypted as well when the recipient's key is in the key
/// ring), then DKIM over the result, so the DKIM signature covers exactly what is sent.
/// </summary>
public sealed class MessageSigning(DkimMessageSigner? dkim, KeyRingContext? openPgp, MailboxAddress sender, bool encrypt)
{
    public bool Dkim => dkim is not null;

    /// <summary>The DKIM a= value (rsa-sha256, ed25519-sha256), or "none".</summary>
    public string DkimAlgorithm => dkim?.Algorithm ?? "none";
    public bool OpenPgp => openPgp is not null;

    /// <summary>Signing as configured in <paramref name="options"/>: each part is on when its key is present.</summary>
    /// <param name="time">The clock of the DKIM signature's time (<c>t=</c>); the system's by default.</param>
    public static MessageSigning FromOptions(SigningOptions options, Notify.ServiceOptions service, TimeProvider? time = null)
    {
        var dkim = options.Dkim.KeyPath is { } keyPath && File.Exists(keyPath)
            ? DkimMessageSigner.Load(keyPath, options.Dkim.Domain ?? service.SenderDomain, options.Dkim.Selector, time)
            : null;
        var sender = new MailboxAddress(service.SenderName, service.SenderAddress);
        KeyRingContext? pgp = null;
        if (options.OpenPgp.KeyRingDirectory is { } directory && File.Exists(Path.Combine(directory, "secring.gpg")))
        {
            pgp = new KeyRingContext(directory, options.OpenPgp.Passphrase);
            if (!pgp.CanSign(sender))
                throw new UserException($"The OpenPGP key ring in {directory} has no signing key for {service.SenderAddress}.");
        }
        return new MessageSigning(dkim, pgp, sender, options.OpenPgp.Encrypt);
    }

    public void Sign(MimeMessage message)
    {
        if (openPgp is not null && message.Body is { } body)
        {
            var recipients = message.To.Mailboxes.ToList();
            // Lock: MimeKit's key ring context is not meant to be shared between threads.
            lock (openPgp)
            {
                message.Body = encrypt && recipients.All(r => openPgp.CanEncrypt(r))
                    ? MultipartEncrypted.SignAndEncrypt(openPgp, sender, DigestAlgorithm.Sha256, recipients, body)
                    : MultipartSigned.Create(openPgp, sender, DigestAlgorithm.Sha256, body);
            }
        }
        dkim?.SignMessage(message);
    }
}

using Herald.Deliver;

namespace Herald.Cases;

/// <summary>The IMAP mailbox where bounces and replies to warnings arrive (the sender address's mailbox).</summary>
public sealed record MailboxOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 993;
    public TransportSecurity Security { get; init; } = TransportSecurity.Ssl;
    public required string User { get; init; }

    /// <summary>Never logged or shown.</summary>
    public required string Password { get; init; }

    public string Folder { get; init; } = "INBOX";

    /// <summary>Messages read per run; the rest wait for the next.</summary>
    public int MaxMessages { get; init; } = 500;

    /// <summary>Larger messages are marked read and kept in the mailbox, not parsed.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The settings without the password, for logs and errors.</summary>
    public override string ToString() =>
        $"{nameof(MailboxOptions)} {{ Host = {Host}, Port = {Port}, Security = {Security}, User = {User}, Folder = {Folder}, Password = {(Password.Length == 0 ? "not set" : "set")} }}";

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host) || string.IsNullOrEmpty(User)) throw new InvalidOperationException("The bounce mailbox needs a host and a user.");
        MailConnection.RequireTlsOffLoopback("IMAP", Host, Security);
    }
}

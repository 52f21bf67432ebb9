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

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        foreach (var problem in MailConnection.Problems("Mailbox", Host, Port, Security, User, Password, Timeout)) yield return problem;
        if (string.IsNullOrEmpty(User)) yield return ("Mailbox:User", "is needed to read the mailbox");
        if (string.IsNullOrWhiteSpace(Folder)) yield return ("Mailbox:Folder", "must not be empty");
        if (MaxMessages < 1) yield return ("Mailbox:MaxMessages", "must be at least 1");
        if (MaxBytes < 1024) yield return ("Mailbox:MaxBytes", "must be at least 1024");
    }

    /// <exception cref="UserException">The first of <see cref="Problems"/>.</exception>
    public void Validate() => UserException.ThrowFirst(Problems());
}

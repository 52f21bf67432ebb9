namespace Herald.Collect;

/// <summary>How an IMAP connection is secured: TLS from the start, STARTTLS, or not at all (loopback only).</summary>
public enum ImapTls
{
    Ssl,
    StartTls,
    None,
}

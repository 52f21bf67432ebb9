namespace Herald.Deliver;

/// <summary>How a connection to a mail server (SMTP relay, IMAP mailbox) is protected.</summary>
public enum TransportSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the relay must offer (SMTP 587 or 25, IMAP 143).</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTP 465, IMAP 993).</summary>
    Ssl,

    /// <summary>No TLS: allowed only to a server on the loopback interface.</summary>
    None,
}

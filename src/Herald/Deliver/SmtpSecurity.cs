namespace Herald.Deliver;

/// <summary>How the connection to the relay is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the relay must offer (port 587 or 25).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,

    /// <summary>No TLS: allowed only for a relay on the loopback interface.</summary>
    None,
}

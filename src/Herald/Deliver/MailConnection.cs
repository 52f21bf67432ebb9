using MailKit.Security;

namespace Herald.Deliver;

/// <summary>What SMTP and IMAP connections share: the TLS mode and the rule that plain text stays on loopback.</summary>
internal static class MailConnection
{
    public static SecureSocketOptions Socket(TransportSecurity security) => security switch
    {
        TransportSecurity.StartTls => SecureSocketOptions.StartTls,
        TransportSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        TransportSecurity.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    /// <summary>
    /// What is wrong with a mail server's settings under <paramref name="section"/>: no host, no port, plain text to a
    /// server off loopback (the password would cross the network readable), a password without a user.
    /// </summary>
    public static IEnumerable<(string Key, string Problem)> Problems(string section, string? host, int port, TransportSecurity security,
        string? user, string? password, TimeSpan timeout)
    {
        if (string.IsNullOrWhiteSpace(host)) yield return ($"{section}:Host", $"is needed when any {section} setting is given");
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown) yield return ($"{section}:Host", $"'{host}' is not a host name or address");
        else if (security == TransportSecurity.None && !Net.HostNames.IsLoopback(host))
            yield return ($"{section}:Security", $"None (no TLS) is allowed only to a server on loopback, not to {host}: use StartTls or Ssl");
        if (port is <= 0 or > 65535) yield return ($"{section}:Port", $"{port} is not a port (1 to 65535)");
        if (!string.IsNullOrEmpty(password) && string.IsNullOrEmpty(user)) yield return ($"{section}:User", "is needed with a password");
        if (timeout <= TimeSpan.Zero) yield return ($"{section}:Timeout", "must be positive");
    }
}

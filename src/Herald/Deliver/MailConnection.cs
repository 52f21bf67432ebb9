using System.Net;
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

    /// <summary>Throws when a connection without TLS would leave the machine.</summary>
    public static void RequireTlsOffLoopback(string what, string host, TransportSecurity security)
    {
        if (security == TransportSecurity.None && !IsLoopback(host))
            throw new InvalidOperationException($"{what} without TLS is allowed only to a server on loopback, not to {host}: use StartTls or Ssl.");
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}

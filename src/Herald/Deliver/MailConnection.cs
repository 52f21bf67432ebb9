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

    /// <summary>
    /// A mail server from <c>HERALD_{prefix}_HOST</c>, <c>_PORT</c>, <c>_SECURITY</c> (StartTls, Ssl, None), <c>_USER</c> and
    /// <c>_PASSWORD</c>; null without a host.
    /// </summary>
    public static (string Host, int Port, TransportSecurity Security, string? User, string? Password)? FromEnvironment(
        string prefix, int defaultPort, TransportSecurity defaultSecurity)
    {
        string? Get(string name) => Environment.GetEnvironmentVariable($"HERALD_{prefix}_{name}") is { Length: > 0 } value ? value : null;
        if (Get("HOST") is not { } host) return null;
        var port = Get("PORT") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : defaultPort;
        var security = Get("SECURITY") is { } s ? Enum.Parse<TransportSecurity>(s, ignoreCase: true) : defaultSecurity;
        return (host, port, security, Environment.GetEnvironmentVariable($"HERALD_{prefix}_USER"), Environment.GetEnvironmentVariable($"HERALD_{prefix}_PASSWORD"));
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}

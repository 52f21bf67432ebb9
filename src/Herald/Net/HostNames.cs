using System.Net;

namespace Herald.Net;

/// <summary>What a host or domain name in a setting or header may be, and whether a host is this machine.</summary>
public static class HostNames
{
    /// <summary>
    /// Letters, digits, hyphens, underscores and dots, no empty label: a value that can carry nothing else into a
    /// header (a DKIM d= or s=, a link domain).
    /// </summary>
    public static bool IsDnsName(string? value) =>
        value is { Length: > 0 and <= 253 } && !value.StartsWith('.') && !value.EndsWith('.') && !value.Contains("..", StringComparison.Ordinal)
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    /// <summary>A name with a domain above it (<c>cert.example</c>, not <c>localhost</c>): what an e-mail or link domain must be.</summary>
    public static bool IsDomain(string? value) => IsDnsName(value) && value!.Contains('.', StringComparison.Ordinal);

    /// <summary>localhost or a loopback address: where plain text may go because it never leaves the machine.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Herald.Net;

/// <summary>
/// Builds the <see cref="SocketsHttpHandler"/> behind every outgoing request to an untrusted server: it resolves
/// the host itself, refuses special-purpose addresses unless allowed, and connects to the very address it
/// checked (no second lookup for a rebinding server to win). No proxy (it would bypass the check), no cookies,
/// no automatic redirects, certificates always validated. Requests through it must not ask for HTTP/3: QUIC
/// connections do not pass the connect callback.
/// </summary>
public static class SafeHttpHandler
{
    /// <summary>A new handler for <paramref name="options"/>; the caller owns it.</summary>
    public static SocketsHttpHandler Create(SafeHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = new AddressPolicy(options.AllowedNetworks);
        var root = options.ExtraTrustRoot;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(root, certificate, chain, errors),
            },
        };
    }

    private static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        string? refusal = null;
        Exception? lastError = null;
        foreach (var address in addresses)
        {
            var reason = policy.RefusalReason(address);
            if (reason is not null)
            {
                refusal ??= reason;
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
        }
        if (lastError is not null) throw new IOException($"could not connect to {endPoint.Host}:{endPoint.Port}: {lastError.Message}", lastError);
        if (refusal is not null) throw new AddressRefusedException($"refused: {refusal}");
        throw new IOException($"{endPoint.Host} has no address");
    }

    private static bool Validate(X509Certificate2? extraRoot, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        // Only an unknown root may be rescued, and only by the configured extra authority; a wrong name never.
        if (extraRoot is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(extraRoot);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}

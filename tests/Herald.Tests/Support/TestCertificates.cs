using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Herald.Tests.Support;

/// <summary>
/// A throwaway certificate authority for one test run and server certificates it issues for loopback
/// names, so that tests speak real TLS with validation on (trusting this authority only), never with
/// validation switched off.
/// </summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyAuthority = new(CreateAuthority);

    // Certificates are checked against the real clock by TLS, so they are issued on it.
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    /// <summary>The authority's certificate with its private key.</summary>
    public static X509Certificate2 Authority => LazyAuthority.Value;

    /// <summary>A server certificate for <paramref name="names"/> (DNS names or IP addresses), valid now.</summary>
    public static X509Certificate2 Server(params string[] names) =>
        Issue(names, Authority, Now.AddDays(-1), Now.AddDays(30));

    /// <summary>A server certificate for 127.0.0.1 and localhost that expired yesterday.</summary>
    public static X509Certificate2 ExpiredServer() =>
        Issue(["127.0.0.1", "localhost"], Authority, Now.AddDays(-30), Now.AddDays(-1));

    /// <summary>A server certificate for 127.0.0.1 and localhost from an authority nobody trusts.</summary>
    public static X509Certificate2 UntrustedServer() =>
        Issue(["127.0.0.1", "localhost"], CreateAuthority(), Now.AddDays(-1), Now.AddDays(30));

    /// <summary>Validates a server certificate against <see cref="Authority"/> alone, host name included.</summary>
    public static bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Authority);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    /// <summary>An HTTP handler that trusts <see cref="Authority"/> only.</summary>
    public static SocketsHttpHandler TrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, ch, e) => Validate(c, ch, e) },
    };

    private static X509Certificate2 CreateAuthority()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Herald test authority " + Guid.NewGuid().ToString("N")[..8], key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(Now.AddDays(-60), Now.AddYears(1));
        return Reload(certificate);
    }

    private static X509Certificate2 Issue(string[] names, X509Certificate2 authority, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + names[0], key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address)) alternativeNames.AddIpAddress(address);
            else alternativeNames.AddDnsName(name);
        }
        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(authority, notBefore, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // Through PKCS#12 so that the private key is usable by SslStream on every platform.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}

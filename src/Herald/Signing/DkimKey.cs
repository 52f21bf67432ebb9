using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;

namespace Herald.Signing;

/// <summary>
/// A DKIM private key: RSA of at least 2048 bits (RFC 8301), signed by the platform's RSA (OpenSSL), or
/// Ed25519 (RFC 8463), signed by BouncyCastle.
/// </summary>
internal sealed class DkimKey
{
    /// <summary>RFC 8301: signers use RSA keys of at least 2048 bits.</summary>
    public const int MinimumRsaBits = 2048;

    private readonly RSA? _rsa;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private DkimKey(RSA? rsa, Ed25519PrivateKeyParameters? ed25519)
    {
        _rsa = rsa;
        _ed25519 = ed25519;
    }

    /// <summary>The a= value: rsa-sha256 or ed25519-sha256.</summary>
    public string Algorithm => _rsa is null ? "ed25519-sha256" : "rsa-sha256";

    /// <summary>Reads a PEM private key; the error names <paramref name="source"/> and what is wrong.</summary>
    public static DkimKey FromPem(string pem, string source)
    {
        AsymmetricKeyParameter? key;
        using (var reader = new PemReader(new StringReader(pem)))
        {
            key = reader.ReadObject() switch
            {
                AsymmetricCipherKeyPair pair => pair.Private,
                AsymmetricKeyParameter { IsPrivate: true } k => k,
                _ => null,
            };
        }
        switch (key)
        {
            case Ed25519PrivateKeyParameters ed25519:
                return new DkimKey(null, ed25519);
            case RsaKeyParameters:
                var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                if (rsa.KeySize < MinimumRsaBits)
                {
                    var bits = rsa.KeySize;
                    rsa.Dispose();
                    throw new UserException($"{source}: an RSA DKIM key of {bits} bits is too weak; RFC 8301 asks for at least {MinimumRsaBits} (herald keys dkim-generate makes one).");
                }
                return new DkimKey(rsa, null);
            default:
                throw new UserException($"{source} holds no RSA or Ed25519 private key in PEM form.");
        }
    }

    /// <summary>Signs the SHA-256 hash of the signed header data (RFC 8463 signs that hash with PureEdDSA).</summary>
    public byte[] Sign(ReadOnlySpan<byte> hash)
    {
        if (_rsa is not null) return _rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
        _ed25519!.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, hash.ToArray(), 0, hash.Length, signature, 0);
        return signature;
    }
}

using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;

namespace Herald.Signing;

/// <summary>
/// MimeKit's DKIM signer with the service's key. RSA signatures are made by the platform's RSA (OpenSSL),
/// several times faster than the managed default; Ed25519 (RFC 8463) keys are signed as MimeKit does.
/// </summary>
public sealed class DkimMessageSigner : DkimSigner
{
    /// <summary>The headers signed: those a reader sees and those that tie the message to its warning.</summary>
    public static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.MimeVersion, HeaderId.ContentType];

    private readonly RSA? _rsa;

    private DkimMessageSigner(AsymmetricKeyParameter key, RSA? rsa, string domain, string selector, DkimSignatureAlgorithm algorithm)
        : base(key, domain, selector, algorithm)
    {
        _rsa = rsa;
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
    }

    /// <summary>A signer for the PEM key at <paramref name="keyPath"/>; the algorithm follows the key.</summary>
    public static DkimMessageSigner Load(string keyPath, string domain, string selector)
    {
        var pem = File.ReadAllText(keyPath);
        var key = ReadPrivateKey(pem) ?? throw new InvalidOperationException($"{keyPath} holds no RSA or Ed25519 private key in PEM form.");
        if (key is Ed25519PrivateKeyParameters) return new DkimMessageSigner(key, null, domain, selector, DkimSignatureAlgorithm.Ed25519Sha256);
        if (key is not RsaKeyParameters) throw new InvalidOperationException($"{keyPath}: DKIM keys are RSA or Ed25519.");
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new DkimMessageSigner(key, rsa, domain, selector, DkimSignatureAlgorithm.RsaSha256);
    }

    /// <summary>Prepares the message for any transport and adds the DKIM-Signature header.</summary>
    public void SignMessage(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        Sign(message, SignedHeaders);
    }

    protected override ISigner CreateSigningContext() => _rsa is null ? base.CreateSigningContext() : new PlatformRsaSigner(_rsa);

    internal static AsymmetricKeyParameter? ReadPrivateKey(string pem)
    {
        using var reader = new PemReader(new StringReader(pem));
        return reader.ReadObject() switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter { IsPrivate: true } key => key,
            _ => null,
        };
    }

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 through the platform, behind BouncyCastle's signer interface that MimeKit calls.</summary>
    private sealed class PlatformRsaSigner(RSA rsa) : ISigner
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string AlgorithmName => "SHA-256withRSA";

        public void Init(bool forSigning, ICipherParameters parameters)
        {
            if (!forSigning) throw new NotSupportedException("This signer only signs.");
        }

        public void Update(byte input) => _hash.AppendData([input]);

        public void BlockUpdate(byte[] input, int inOff, int inLen) => _hash.AppendData(input, inOff, inLen);

        public void BlockUpdate(ReadOnlySpan<byte> input) => _hash.AppendData(input);

        public int GetMaxSignatureSize() => rsa.KeySize / 8;

        public byte[] GenerateSignature() => rsa.SignHash(_hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public bool VerifySignature(byte[] signature) => throw new NotSupportedException("This signer only signs.");

        public void Reset() => _hash.GetHashAndReset();
    }
}

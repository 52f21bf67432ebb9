using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Herald.Signing;

/// <summary>A new DKIM key: the private key as PEM and the DNS TXT record that publishes its public half.</summary>
public sealed record DkimKeys(string PrivateKeyPem, string Algorithm, string PublicKey)
{
    /// <summary>The TXT record's value (<c>v=DKIM1; k=rsa; p=...</c>).</summary>
    public string TxtValue => $"v=DKIM1; k={Algorithm}; p={PublicKey}";

    /// <summary>The record as a zone-file line, split into 255-character strings as DNS requires.</summary>
    public string ZoneLine(string selector, string domain) =>
        $"{selector}._domainkey.{domain}. IN TXT ( " + string.Join(" ", TxtValue.Chunk(255).Select(c => $"\"{new string(c)}\"")) + " )";

    /// <summary>Generates an RSA (2048 bits, widely verified) or Ed25519 (RFC 8463, fast) key.</summary>
    public static DkimKeys Generate(string algorithm)
    {
        switch (algorithm)
        {
            case "rsa":
                using (var rsa = RSA.Create(2048))
                    return new DkimKeys(rsa.ExportRSAPrivateKeyPem(), "rsa", Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
            case "ed25519":
                var generator = new Ed25519KeyPairGenerator();
                generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
                var pair = generator.GenerateKeyPair();
                using (var writer = new StringWriter())
                {
                    var pem = new PemWriter(writer);
                    pem.WriteObject(new Org.BouncyCastle.Utilities.IO.Pem.PemObject("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetEncoded()));
                    pem.Writer.Flush();
                    return new DkimKeys(writer.ToString(), "ed25519", Convert.ToBase64String(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()));
                }
            default:
                throw new ArgumentException($"Unknown DKIM key algorithm '{algorithm}' (rsa or ed25519).", nameof(algorithm));
        }
    }
}

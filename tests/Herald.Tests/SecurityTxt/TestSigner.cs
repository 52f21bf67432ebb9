using System.Text;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Herald.Tests.SecurityTxt;

/// <summary>A throwaway OpenPGP key (ECDSA P-256) that clear-signs text as RFC 4880 section 7 describes.</summary>
internal sealed class TestSigner
{
    private readonly PgpKeyPair _pair;

    public TestSigner()
    {
        var generator = new ECKeyPairGenerator("ECDSA");
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, new SecureRandom()));
        _pair = new PgpKeyPair(PublicKeyAlgorithmTag.ECDsa, generator.GenerateKeyPair(), TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5));
        var rings = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, _pair, "Security <security@example.com>",
            SymmetricKeyAlgorithmTag.Aes256, Array.Empty<char>(), true, null, null, new SecureRandom());
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer)) rings.GeneratePublicKeyRing().Encode(armor);
        PublicKey = Encoding.ASCII.GetString(buffer.ToArray());
    }

    /// <summary>The public key, ASCII-armored.</summary>
    public string PublicKey { get; }

    /// <summary>
    /// <paramref name="text"/> clear-signed; every line ends with <paramref name="newline"/>, and the file ends with
    /// one newline after the signature.
    /// </summary>
    public string ClearSign(string text, string newline = "\n")
    {
        var lines = text.TrimEnd('\n').Split('\n');
        var signed = string.Join("\r\n", lines.Select(l => l.TrimEnd(' ', '\t')));
        var generator = new PgpSignatureGenerator(PublicKeyAlgorithmTag.ECDsa, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.CanonicalTextDocument, _pair.PrivateKey);
        generator.Update(Encoding.UTF8.GetBytes(signed));
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer)) generator.Generate().Encode(armor);
        var signature = Encoding.ASCII.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var escaped = lines.Select(l => l.StartsWith('-') ? "- " + l : l);
        IEnumerable<string> all = ["-----BEGIN PGP SIGNED MESSAGE-----", "Hash: SHA256", "", .. escaped, .. signature];
        return string.Join(newline, all) + newline;
    }
}

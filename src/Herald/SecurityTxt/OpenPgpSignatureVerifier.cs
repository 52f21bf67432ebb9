using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Herald.SecurityTxt;

/// <summary>Reads and verifies the OpenPGP signature of a cleartext-signed security.txt with BouncyCastle.</summary>
internal static class OpenPgpSignatureVerifier
{
    /// <summary>The signature packet of <paramref name="message"/>, or null with the reason when it cannot be decoded.</summary>
    public static PgpSignature? ReadSignature(ClearSignedMessage message, out string? problem)
    {
        try
        {
            using var armored = new ArmoredInputStream(new MemoryStream(Encoding.ASCII.GetBytes(message.SignatureArmor)));
            var factory = new PgpObjectFactory(armored);
            if (factory.NextPgpObject() is PgpSignatureList { Count: > 0 } list)
            {
                problem = null;
                return list[0];
            }
            problem = "the armored block holds no signature packet";
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            problem = ex.Message;
        }
        return null;
    }

    /// <summary>Verifies <paramref name="signature"/> over the signed text with the first key among <paramref name="keys"/> that holds the signing key.</summary>
    public static SignatureCheck Verify(ClearSignedMessage message, PgpSignature signature, IReadOnlyList<OpenPgpKey> keys)
    {
        var keyId = $"{signature.KeyId:X16}";
        var unreadable = new List<string>();
        foreach (var source in keys)
        {
            var key = FindKey(source, signature.KeyId, unreadable);
            if (key is null) continue;
            var fingerprint = Convert.ToHexString(key.GetFingerprint());
            try
            {
                signature.InitVerify(key);
                signature.Update(Encoding.UTF8.GetBytes(message.SignedText));
                return signature.Verify()
                    ? new SignatureCheck(SignatureStatus.Verified, $"good signature by {fingerprint} (key from {source.Source})", fingerprint, source.Source)
                    : new SignatureCheck(SignatureStatus.Invalid, $"bad signature: does not verify with {fingerprint} (key from {source.Source})", fingerprint, source.Source);
            }
            catch (PgpException ex)
            {
                return new SignatureCheck(SignatureStatus.Invalid, $"bad signature: {ex.Message} (key {fingerprint} from {source.Source})", fingerprint, source.Source);
            }
        }
        var tried = keys.Count == 0 ? "no key available" : $"signing key {keyId} not among the keys from {string.Join(", ", keys.Select(k => k.Source))}";
        if (unreadable.Count > 0) tried += $"; unreadable: {string.Join("; ", unreadable)}";
        return new SignatureCheck(SignatureStatus.Unverified, $"signed by key {keyId}, not verified: {tried}");
    }

    private static PgpPublicKey? FindKey(OpenPgpKey source, long keyId, List<string> unreadable)
    {
        try
        {
            using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(source.Data));
            var bundle = new PgpPublicKeyRingBundle(decoder);
            return bundle.GetPublicKey(keyId);
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            unreadable.Add($"{source.Source}: {ex.Message}");
            return null;
        }
    }
}

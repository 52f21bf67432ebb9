using MimeKit.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Herald.Signing;

/// <summary>MimeKit's OpenPGP context over BouncyCastle key rings (<c>pubring.gpg</c>, <c>secring.gpg</c>) in Herald's data directory.</summary>
public sealed class KeyRingContext(string directory, string? passphrase) : GnuPGContext(CreateDirectory(directory))
{
    protected override string GetPasswordForKey(PgpSecretKey key) =>
        passphrase ?? throw new UserException("the OpenPGP secret key needs a passphrase: set HERALD__Signing__OpenPgp__Passphrase or Signing:OpenPgp:PassphraseFile");

    private static string CreateDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        return directory;
    }
}

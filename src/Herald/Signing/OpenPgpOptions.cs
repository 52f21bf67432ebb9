namespace Herald.Signing;

/// <summary>
/// OpenPGP (PGP/MIME) signing, and encryption to recipients whose public key is in the key ring: on when the
/// key ring directory holds a secret key for the sender address (<c>herald keys openpgp-generate</c>).
/// </summary>
public sealed record OpenPgpOptions
{
    /// <summary>Holds <c>pubring.gpg</c> and <c>secring.gpg</c>; default <c>&lt;data&gt;/openpgp</c>.</summary>
    public string? KeyRingDirectory { get; init; }

    /// <summary>The secret key's passphrase (<c>HERALD__Signing__OpenPgp__Passphrase</c> or <c>Signing:OpenPgp:PassphraseFile</c>); never logged.</summary>
    public string? Passphrase { get; init; }

    /// <summary>Encrypt to the recipient when its key is known (signing alone otherwise).</summary>
    public bool Encrypt { get; init; } = true;

    /// <summary>The settings without the passphrase, for logs and errors.</summary>
    public override string ToString() =>
        $"{nameof(OpenPgpOptions)} {{ KeyRingDirectory = {KeyRingDirectory}, Encrypt = {Encrypt}, Passphrase = {(Passphrase is null ? "not set" : "set")} }}";
}

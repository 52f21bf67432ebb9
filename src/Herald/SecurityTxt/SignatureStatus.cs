namespace Herald.SecurityTxt;

/// <summary>What became of a security.txt file's OpenPGP signature.</summary>
public enum SignatureStatus
{
    NotSigned,
    /// <summary>The signature verifies with a key from the Encryption field or the registry.</summary>
    Verified,
    /// <summary>The signing key was found and the signature does not verify (<c>pgp_signature_error</c>).</summary>
    Invalid,
    /// <summary>Signed, but no key to check it with could be had.</summary>
    Unverified,
    /// <summary>The signature block could not be read (<c>pgp_data_error</c> or <c>pgp_error</c>).</summary>
    Unreadable,
}

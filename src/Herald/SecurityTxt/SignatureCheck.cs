namespace Herald.SecurityTxt;

/// <summary>The outcome of checking a signature: the status, the signing key's fingerprint when known, where the key came from, and a sentence for people.</summary>
public sealed record SignatureCheck(SignatureStatus Status, string Detail, string? Fingerprint = null, string? KeySource = null)
{
    public static SignatureCheck NotSigned { get; } = new(SignatureStatus.NotSigned, "not signed");
}

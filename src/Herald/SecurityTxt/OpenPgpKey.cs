namespace Herald.SecurityTxt;

/// <summary>An OpenPGP public key (armored or binary) and where it came from: the Encryption URI it was fetched from, or the registry.</summary>
public sealed record OpenPgpKey(string Source, byte[] Data);

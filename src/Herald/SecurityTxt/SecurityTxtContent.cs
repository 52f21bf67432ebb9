using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Herald.SecurityTxt;

/// <summary>Parsed content with, for a signed file, its cleartext parts and signature packet, and the signature status so far.</summary>
internal sealed record SecurityTxtContent(ParsedSecurityTxt Parsed, ClearSignedMessage? Message, PgpSignature? Signature, SignatureCheck Check);

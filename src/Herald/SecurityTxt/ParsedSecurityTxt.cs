namespace Herald.SecurityTxt;

/// <summary>What the parser read from the content: the fields, and for a signed file where its header and signature are.</summary>
internal sealed record ParsedSecurityTxt(SecurityTxtFields Fields, string Text, bool Signed, int? SignedHeaderLine, int? SignatureLine);

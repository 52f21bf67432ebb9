namespace Herald.SecurityTxt;

/// <summary>
/// The messages of sectxt (github.com/DigitalTrustCenter/sectxt) for its codes, so that a report from Herald reads
/// like one from the validator its users already know. <c>pgp_signature_error</c> is Herald's own: sectxt does not
/// verify signatures.
/// </summary>
internal static class SecurityTxtMessages
{
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["no_security_txt"] = "security.txt could not be located.",
        ["location"] = "security.txt was located on the top-level path (legacy place), but must be placed under the '/.well-known/' path.",
        ["invalid_uri_scheme"] = "Insecure URI scheme HTTP is not allowed. The security.txt file access MUST use the \"https\" scheme",
        ["invalid_cert"] = "security.txt must be served with a valid TLS certificate.",
        ["no_content_type"] = "HTTP Content-Type header must be sent.",
        ["invalid_media"] = "Media type in Content-Type header must be 'text/plain'.",
        ["invalid_charset"] = "Charset parameter in Content-Type header must be 'utf-8' if present.",
        ["utf8"] = "Content must be utf-8 encoded.",
        ["bom_in_file"] = "The Byte-Order Mark was found at the start of the file. Security.txt must be encoded using UTF-8 in Net-Unicode form, the BOM signature must not appear at the beginning.",
        ["no_expire"] = "'Expires' field must be present.",
        ["multi_expire"] = "'Expires' field must not appear more than once.",
        ["invalid_expiry"] = "Date and time in 'Expires' field must be formatted according to ISO 8601.",
        ["expired"] = "Date and time in 'Expires' field must not be in the past.",
        ["no_contact"] = "'Contact' field must appear at least once.",
        ["no_canonical_match"] = "Web URI where security.txt is located must match with a 'Canonical' field. In case of redirecting either the first or last web URI of the redirect chain must match.",
        ["multi_lang"] = "'Preferred-Languages' field must not appear more than once.",
        ["invalid_lang"] = "Value in 'Preferred-Languages' field must match one or more language tags as defined in RFC5646, separated by commas.",
        ["no_https"] = "Web URI must begin with 'https://'.",
        ["prec_ws"] = "There must be no whitespace before the field separator (colon).",
        ["no_space"] = "Field separator (colon) must be followed by a space.",
        ["empty_key"] = "Field name must not be empty.",
        ["empty_value"] = "Field value must not be empty.",
        ["invalid_line"] = "Line must contain a field name and value, unless the line is blank or contains a comment.",
        ["no_line_separators"] = "Every line, including the last one, must end with either a carriage return and line feed characters or just a line feed character",
        ["too_many_line_separators"] = "A signed security.txt must not end with more than one line separator after the signature.",
        ["signed_format_issue"] = "Signed security.txt must start with the header '-----BEGIN PGP SIGNED MESSAGE-----'.",
        ["data_after_sig"] = "Signed security.txt must not contain data after the signature.",
        ["no_csaf_file"] = "All CSAF fields must point to a provider-metadata.json file.",
        ["pgp_data_error"] = "Signed message did not contain a correct ASCII-armored PGP block.",
        ["pgp_error"] = "Decoding or parsing of the pgp message failed.",
        ["pgp_signature_error"] = "The OpenPGP signature does not verify: the signed content was changed or signed with another key.",
        ["long_expiry"] = "Date and time in 'Expires' field should be less than a year into the future.",
        ["no_encryption"] = "'Encryption' field should be present when 'Contact' field contains an email address.",
        ["not_signed"] = "File should be digitally signed.",
        ["no_canonical"] = "'Canonical' field should be present in a signed file.",
        ["multiple_csaf_fields"] = "It is allowed to have more than one CSAF field, however this should be removed if possible.",
    };

    /// <summary>The message for <paramref name="code"/>; throws for a code that does not exist (a bug).</summary>
    public static string For(string code) =>
        Messages.TryGetValue(code, out var message) ? message : throw new ArgumentOutOfRangeException(nameof(code), code, "unknown security.txt problem code");

    public static string NoUri(string field) => $"Field '{field}' value must be a URI.";

    public static string UnknownField(string field) =>
        $"security.txt contains an unknown field. Field \"{field}\" is either a custom field which may not be widely supported, or there is a typo in a standardised field name.";
}

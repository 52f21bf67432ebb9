using System.Text;
using Herald.SecurityTxt;

namespace Herald.Tests.SecurityTxt;

/// <summary>Content validation with sectxt's codes and line numbers (files and standard input are checked this way).</summary>
public sealed class SecurityTxtContentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private const string Valid = """
        # Our security contacts
        Contact: mailto:security@example.com
        Contact: https://example.com/report
        Expires: 2027-03-01T00:00:00Z
        Encryption: https://example.com/pgp-key.txt
        Acknowledgments: https://example.com/hall-of-fame
        Preferred-Languages: nl, en
        Canonical: https://example.com/.well-known/security.txt
        Policy: https://example.com/disclosure
        Hiring: https://example.com/jobs
        CSAF: https://example.com/.well-known/csaf/provider-metadata.json

        """;

    internal static SecurityTxtResult Check(string content, params OpenPgpKey[] keys) => Check(Encoding.UTF8.GetBytes(content), keys);

    internal static SecurityTxtResult Check(byte[] content, params OpenPgpKey[] keys) => SecurityTxtChecker.CheckContent("test", content, keys, Now);

    private static string[] Codes(IEnumerable<SecurityTxtProblem> problems) => [.. problems.Select(p => p.Line is int l ? $"{p.Code}@{l}" : p.Code)];

    [Fact]
    public void A_complete_unsigned_file_is_valid_and_only_asked_to_be_signed_with_every_field_read()
    {
        var result = Check(Valid);

        Assert.Empty(result.Errors);
        Assert.Equal(["not_signed"], Codes(result.Recommendations));
        Assert.Empty(result.Notifications);
        var f = result.Fields;
        Assert.Equal(["mailto:security@example.com", "https://example.com/report"], f.Contact);
        Assert.Equal(["security@example.com"], f.ContactEmails);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), f.Expires);
        Assert.Equal(["https://example.com/pgp-key.txt"], f.Encryption);
        Assert.Equal(["https://example.com/hall-of-fame"], f.Acknowledgments);
        Assert.Equal(["nl", "en"], f.PreferredLanguages);
        Assert.Equal(["https://example.com/.well-known/security.txt"], f.Canonical);
        Assert.Equal(["https://example.com/disclosure"], f.Policy);
        Assert.Equal(["https://example.com/jobs"], f.Hiring);
        Assert.Equal(["https://example.com/.well-known/csaf/provider-metadata.json"], f.Csaf);
        Assert.Equal(SecurityTxtLocation.Content, result.Location);
        Assert.Equal(SignatureStatus.NotSigned, result.Signature.Status);
    }

    [Fact]
    public void Line_syntax_problems_carry_their_line_numbers()
    {
        var result = Check(
            "Contact : mailto:a@example.com\n" +      // 1 prec_ws
            "Contact:mailto:b@example.com\n" +        // 2 no_space
            "Policy: \n" +                            // 3 empty_value
            ": https://example.com\n" +               // 4 empty_key
            "just some words\n" +                     // 5 invalid_line
            "Contact: security@example.com\n" +       // 6 no_uri
            "Hiring: http://example.com/jobs\n" +     // 7 no_https
            "Last-Updated: 2026-01-01\n" +            // 8 unknown_field
            "Expires: 2027-01-01T00:00:00Z\n");

        Assert.Equal(["prec_ws@1", "no_space@2", "empty_value@3", "empty_key@4", "invalid_line@5", "no_uri@6", "no_https@7"], Codes(result.Errors));
        Assert.Equal("Field 'contact' value must be a URI.", result.Errors.Single(e => e.Code == "no_uri").Message);
        Assert.Equal(["unknown_field@8"], Codes(result.Notifications));
        Assert.Contains("\"last-updated\"", result.Notifications[0].Message, StringComparison.Ordinal);
        Assert.Equal(["no_encryption", "not_signed"], Codes(result.Recommendations));
    }

    [Fact]
    public void Missing_and_repeated_fields_are_reported_repeats_at_the_second_line()
    {
        Assert.Equal(["no_expire", "no_contact"], Codes(Check("# nothing here\n").Errors));

        var repeated = Check(
            "Contact: https://example.com/report\n" +
            "Expires: 2027-01-01T00:00:00Z\n" +
            "Preferred-Languages: nl\n" +
            "Expires: 2027-02-01T00:00:00Z\n" +
            "Preferred-Languages: en\n");
        Assert.Equal(["multi_expire@4", "multi_lang@5"], Codes(repeated.Errors));
        Assert.Equal(["nl"], repeated.Fields.PreferredLanguages);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "expired@2", "")]
    [InlineData("2028-06-01T00:00:00Z", "", "long_expiry@2")]
    [InlineData("2027-01-01 10:00:00+01:00", "", "")]
    [InlineData("2027-01-01t10:00:00z", "", "")]
    [InlineData("Thu, 15 Jan 2027 06:03:46 -0700", "invalid_expiry@2", "")]
    [InlineData("Nonsense", "invalid_expiry@2", "")]
    [InlineData("2027-13-01T00:00:00Z", "invalid_expiry@2", "")]
    public void Expires_must_be_ISO_8601_in_the_future_and_at_most_a_year_ahead(string expires, string error, string recommendation)
    {
        var result = Check($"Contact: https://example.com/report\nExpires: {expires}\n");

        Assert.Equal(error.Length == 0 ? [] : [error], Codes(result.Errors));
        Assert.Equal(recommendation.Length == 0 ? ["not_signed"] : [recommendation, "not_signed"], Codes(result.Recommendations));
    }

    [Theory]
    [InlineData("nl, en", 0)]
    [InlineData("En, dUT", 0)]
    [InlineData("en-GB, zh-Hant-TW, x-private", 0)]
    [InlineData("English", 1)]
    [InlineData("nl, Invalid", 1)]
    [InlineData("nl,, en_US", 2)]
    public void Preferred_languages_must_be_RFC_5646_tags(string languages, int invalid)
    {
        var result = Check($"Contact: https://example.com/report\nExpires: 2027-01-01T00:00:00Z\nPreferred-Languages: {languages}\n");

        Assert.Equal(Enumerable.Repeat("invalid_lang@3", invalid), Codes(result.Errors));
    }

    [Fact]
    public void A_byte_order_mark_and_bytes_that_are_not_UTF8_are_errors_and_the_rest_is_still_read()
    {
        var bom = Check([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Contact: https://example.com/report\nExpires: 2027-01-01T00:00:00Z\n")]);
        Assert.Equal(["bom_in_file"], Codes(bom.Errors));
        Assert.Equal(["https://example.com/report"], bom.Fields.Contact);

        var latin1 = Check([.. Encoding.UTF8.GetBytes("Contact: https://example.com/caf"), 0xE9, .. Encoding.UTF8.GetBytes("\nExpires: 2027-01-01T00:00:00Z\n")]);
        Assert.Equal(["utf8"], Codes(latin1.Errors));
        Assert.Equal("https://example.com/caf\uFFFD", latin1.Fields.Contact[0]);
    }

    [Fact]
    public void The_last_line_must_end_with_a_line_separator_CRLF_or_LF()
    {
        Assert.Equal(["no_line_separators@2"], Codes(Check("Contact: https://example.com/report\nExpires: 2027-01-01T00:00:00Z").Errors));
        Assert.Empty(Check("Contact: https://example.com/report\r\nExpires: 2027-01-01T00:00:00Z\r\n").Errors);
    }

    [Fact]
    public void CSAF_fields_must_point_to_provider_metadata_and_should_not_repeat()
    {
        var result = Check("Contact: https://example.com/report\nExpires: 2027-01-01T00:00:00Z\n" +
            "CSAF: https://example.com/csaf/provider-metadata.json\nCSAF: https://example.com/advisories/\n");

        Assert.Equal(["no_csaf_file"], Codes(result.Errors));
        Assert.Equal(["multiple_csaf_fields", "not_signed"], Codes(result.Recommendations));
    }

    [Fact]
    public void A_signed_file_verifies_with_its_key_and_reports_the_fingerprint()
    {
        var signer = new TestSigner();
        var result = Check(signer.ClearSign(Valid), new OpenPgpKey("registry", Encoding.ASCII.GetBytes(signer.PublicKey)));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Recommendations);
        Assert.Equal(SignatureStatus.Verified, result.Signature.Status);
        Assert.Equal("registry", result.Signature.KeySource);
        Assert.Equal(40, result.Signature.Fingerprint?.Length);
        Assert.Equal(["mailto:security@example.com", "https://example.com/report"], result.Fields.Contact);
    }

    [Fact]
    public void A_signed_file_with_CRLF_lines_and_dash_escapes_verifies()
    {
        var signer = new TestSigner();
        var text = Valid.Replace("# Our security contacts", "-- a line that starts with a dash", StringComparison.Ordinal);
        var signed = signer.ClearSign(text, "\r\n");
        Assert.Contains("\r\n- -- a line", signed, StringComparison.Ordinal);

        var result = Check(signed, new OpenPgpKey("registry", Encoding.ASCII.GetBytes(signer.PublicKey)));

        Assert.Equal(SignatureStatus.Verified, result.Signature.Status);
        Assert.Equal(["invalid_line@4"], Codes(result.Errors));
    }

    [Fact]
    public void A_signed_file_changed_after_signing_is_a_pgp_signature_error_at_the_signature()
    {
        var signer = new TestSigner();
        var signed = signer.ClearSign(Valid).Replace("mailto:security@example.com", "mailto:attacker@example.net", StringComparison.Ordinal);
        var signatureLine = Array.IndexOf(signed.Split('\n'), "-----BEGIN PGP SIGNATURE-----") + 1;

        var result = Check(signed, new OpenPgpKey("registry", Encoding.ASCII.GetBytes(signer.PublicKey)));

        Assert.Equal([$"pgp_signature_error@{signatureLine}"], Codes(result.Errors));
        Assert.Equal(SignatureStatus.Invalid, result.Signature.Status);
    }

    [Fact]
    public void Without_the_signing_key_a_signature_stays_unverified_and_is_not_an_error()
    {
        var signer = new TestSigner();
        var other = new TestSigner();

        var noKey = Check(signer.ClearSign(Valid));
        var wrongKey = Check(signer.ClearSign(Valid), new OpenPgpKey("https://example.com/pgp-key.txt", Encoding.ASCII.GetBytes(other.PublicKey)));

        Assert.Empty(noKey.Errors);
        Assert.Equal(SignatureStatus.Unverified, noKey.Signature.Status);
        Assert.Contains("no key available", noKey.Signature.Detail, StringComparison.Ordinal);
        Assert.Equal(SignatureStatus.Unverified, wrongKey.Signature.Status);
        Assert.Contains("not among the keys from https://example.com/pgp-key.txt", wrongKey.Signature.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_file_envelope_problems_follow_sectxt()
    {
        var signer = new TestSigner();
        var withoutCanonical = Check(signer.ClearSign(Valid.Replace("Canonical: https://example.com/.well-known/security.txt\n", "", StringComparison.Ordinal)));
        Assert.Equal(["no_canonical"], Codes(withoutCanonical.Recommendations));

        var leadingBlank = Check("\r\n" + signer.ClearSign(Valid));
        Assert.Contains("signed_format_issue@2", Codes(leadingBlank.Errors));

        var signed = signer.ClearSign(Valid);
        var lines = signed.Split('\n').Length; // the last element is the empty text after the final newline
        Assert.Equal([$"data_after_sig@{lines}"], Codes(Check(signed + "Contact: mailto:extra@example.com\n").Errors));
        Assert.Equal([$"too_many_line_separators@{lines}"], Codes(Check(signed + "\n").Errors));
        Assert.Equal([$"no_line_separators@{lines - 1}"], Codes(Check(signed.TrimEnd('\n')).Errors));
    }

    [Fact]
    public void A_broken_signature_block_is_pgp_data_error_and_undecodable_packets_pgp_error()
    {
        var signed = new TestSigner().ClearSign(Valid);
        var lines = signed.Split('\n');
        var body = Array.IndexOf(lines, "-----BEGIN PGP SIGNATURE-----") + 2;
        while (lines[body].Length == 0 || lines[body].Contains(": ", StringComparison.Ordinal)) body++;

        var broken = (string[])lines.Clone();
        broken[body] = "!!!! not base64 !!!!";
        var dataError = Check(string.Join('\n', broken));
        Assert.Equal(["pgp_data_error@1"], Codes(dataError.Errors));
        Assert.Equal(SignatureStatus.Unreadable, dataError.Signature.Status);

        var missingEnd = Check(signed.Replace("-----END PGP SIGNATURE-----\n", "", StringComparison.Ordinal));
        Assert.Contains("pgp_data_error@1", Codes(missingEnd.Errors));

        var garbage = (string[])lines.Clone();
        var end = Array.IndexOf(lines, "-----END PGP SIGNATURE-----");
        garbage = [.. garbage[..body], Convert.ToBase64String(Encoding.ASCII.GetBytes("this is no OpenPGP packet at all")), .. garbage[end..]];
        var pgpError = Check(string.Join('\n', garbage));
        Assert.Equal(["pgp_error@1"], Codes(pgpError.Errors));
    }
}

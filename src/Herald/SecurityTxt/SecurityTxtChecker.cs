namespace Herald.SecurityTxt;

/// <summary>Validates the content of a security.txt file and checks its signature with the keys at hand; no network.</summary>
public static class SecurityTxtChecker
{
    /// <summary>
    /// Validates <paramref name="content"/> as if it had been fetched correctly (a file, standard input):
    /// no location, transport or canonical-URL checks; the signature is verified with <paramref name="keys"/>.
    /// </summary>
    public static SecurityTxtResult CheckContent(string name, ReadOnlySpan<byte> content, IReadOnlyList<OpenPgpKey> keys, DateTimeOffset now)
    {
        var problems = new SecurityTxtProblems();
        var read = Read(content, [], now, problems);
        var signature = read.Message is not null && read.Signature is not null ? Verify(read, keys, problems) : read.Check;
        return Result(name, SecurityTxtLocation.Content, read.Parsed, problems, signature, now);
    }

    /// <summary>Parses and validates, then reads the signature block of a signed file (<c>pgp_data_error</c>, <c>pgp_error</c>).</summary>
    internal static SecurityTxtContent Read(ReadOnlySpan<byte> content, IReadOnlyList<Uri> urls, DateTimeOffset now, SecurityTxtProblems problems)
    {
        var parsed = SecurityTxtParser.Parse(content, urls, now, problems);
        if (!parsed.Signed) return new SecurityTxtContent(parsed, null, null, SignatureCheck.NotSigned);
        var message = ClearSignedMessage.TryParse(parsed.Text, out var dataProblem);
        if (message is null)
        {
            problems.Error("pgp_data_error", parsed.SignedHeaderLine);
            return new SecurityTxtContent(parsed, null, null, new SignatureCheck(SignatureStatus.Unreadable, $"signature block unreadable: {dataProblem}"));
        }
        var signature = OpenPgpSignatureVerifier.ReadSignature(message, out var pgpProblem);
        if (signature is null)
        {
            problems.Error("pgp_error", parsed.SignedHeaderLine);
            return new SecurityTxtContent(parsed, message, null, new SignatureCheck(SignatureStatus.Unreadable, $"signature unreadable: {pgpProblem}"));
        }
        return new SecurityTxtContent(parsed, message, signature, new SignatureCheck(SignatureStatus.Unverified, "signed, not verified yet"));
    }

    /// <summary>Verifies a readable signature; a bad one is <c>pgp_signature_error</c> on the signature's first line.</summary>
    internal static SignatureCheck Verify(SecurityTxtContent read, IReadOnlyList<OpenPgpKey> keys, SecurityTxtProblems problems)
    {
        var check = OpenPgpSignatureVerifier.Verify(read.Message!, read.Signature!, keys);
        if (check.Status == SignatureStatus.Invalid)
            problems.Error("pgp_signature_error", $"{SecurityTxtMessages.For("pgp_signature_error")} ({check.Detail})", read.Parsed.SignatureLine);
        return check;
    }

    internal static SecurityTxtResult Result(string target, SecurityTxtLocation location, ParsedSecurityTxt? parsed, SecurityTxtProblems problems, SignatureCheck signature, DateTimeOffset now) => new()
    {
        Target = target,
        Location = location,
        Fields = parsed?.Fields ?? new SecurityTxtFields(),
        Errors = [.. problems.Errors],
        Recommendations = [.. problems.Recommendations],
        Notifications = [.. problems.Notifications],
        Signature = signature,
        CheckedAt = now,
    };
}

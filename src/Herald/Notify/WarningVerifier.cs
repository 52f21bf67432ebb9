using System.Security.Cryptography;
using System.Text;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Notify;

/// <summary>The answer to "is this warning genuine?": yes with the date it was sent and the recipient's domain, or no; nothing more.</summary>
public sealed record VerificationResult(bool Genuine, DateOnly? SentOn, string? RecipientDomain)
{
    public static readonly VerificationResult NotGenuine = new(false, null, null);
}

/// <summary>
/// Looks up a reference and verification code as a recipient quotes them. The code is compared in constant
/// time, an unknown reference costs the same comparison, and a warning that was never sent is not genuine.
/// </summary>
public static class WarningVerifier
{
    private const int MaxLength = 64;
    private static readonly byte[] Absent = Encoding.ASCII.GetBytes("--------");

    public static async Task<VerificationResult> VerifyAsync(HeraldDb db, string? reference, string? code, CancellationToken cancellationToken)
    {
        var wantedReference = (reference ?? "").Trim().ToUpperInvariant();
        // Recipients type codes as they read them: spaces, dashes and lower case are forgiven.
        var wantedCode = Encoding.ASCII.GetBytes(new string((code ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray()));
        if (wantedReference.Length is 0 or > MaxLength || wantedCode.Length > MaxLength) return VerificationResult.NotGenuine;
        var warning = await db.Notifications.AsNoTracking().Where(n => n.Reference == wantedReference)
            .Select(n => new { n.VerificationCode, n.RecipientEmail, n.DeliveredAt }).FirstOrDefaultAsync(cancellationToken);
        var expected = warning is null ? Absent : Encoding.ASCII.GetBytes(warning.VerificationCode);
        // A code of the wrong length can never match, but is compared all the same so the answer takes as long.
        var candidate = wantedCode.Length == expected.Length ? wantedCode : new byte[expected.Length];
        var same = CryptographicOperations.FixedTimeEquals(expected, candidate) && wantedCode.Length == expected.Length;
        if (!same || warning?.DeliveredAt is not { } sent) return VerificationResult.NotGenuine;
        var at = warning.RecipientEmail.LastIndexOf('@');
        return new VerificationResult(true, DateOnly.FromDateTime(sent.UtcDateTime), warning.RecipientEmail[(at + 1)..].ToLowerInvariant());
    }
}

using System.Diagnostics;
using System.Text;
using Herald.SecurityTxt;
using Herald.Tests.Support;

namespace Herald.Tests.SecurityTxt;

/// <summary>Files clear-signed by GnuPG itself, in a temporary GNUPGHOME, verify (or not) as gpg would have it.</summary>
public sealed class GpgSignedSecurityTxtTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose()
    {
        if (ExternalPrograms.Find("gpgconf") is not null) Run("gpgconf", "", "--kill", "gpg-agent");
        _home.Dispose();
    }

    private string Run(string program, string input, params string[] args)
    {
        var start = new ProcessStartInfo(ExternalPrograms.Require(program), args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GNUPGHOME"] = _home.Path;
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {errors.GetAwaiter().GetResult()}");
        return output;
    }

    [ProgramTheory("gpg")]
    [InlineData("ed25519")]
    [InlineData("rsa2048")]
    public void A_file_clear_signed_by_gpg_verifies_and_a_changed_one_does_not(string algorithm)
    {
        string[] batch = ["--batch", "--pinentry-mode", "loopback", "--passphrase", ""];
        Run("gpg", "", [.. batch, "--quick-gen-key", "Security <security@example.com>", algorithm, "sign", "never"]);
        var key = Run("gpg", "", "--batch", "--armor", "--export", "security@example.com");
        var expires = TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var content = $"# trailing spaces are not signed   \nContact: mailto:security@example.com\nExpires: {expires}\n" +
            "-----not a field, dash-escaped by gpg\nCanonical: https://example.com/.well-known/security.txt\n";
        var signed = Run("gpg", content, [.. batch, "--digest-algo", "SHA256", "--clearsign"]);
        Assert.Contains("\n- -----not a field", signed, StringComparison.Ordinal);
        var keys = new[] { new OpenPgpKey("registry", Encoding.ASCII.GetBytes(key)) };

        var good = SecurityTxtChecker.CheckContent("gpg", Encoding.UTF8.GetBytes(signed), keys, TimeProvider.System.GetUtcNow());
        Assert.Equal(SignatureStatus.Verified, good.Signature.Status);
        Assert.Equal(["invalid_line"], good.Errors.Select(e => e.Code));

        var changed = SecurityTxtChecker.CheckContent("gpg", Encoding.UTF8.GetBytes(signed.Replace("mailto:security@", "mailto:attacker@", StringComparison.Ordinal)), keys, TimeProvider.System.GetUtcNow());
        Assert.Equal(SignatureStatus.Invalid, changed.Signature.Status);
        Assert.Contains("pgp_signature_error", changed.Errors.Select(e => e.Code));
    }
}

using System.Text;
using Herald.Net;
using Herald.SecurityTxt;
using Herald.Tests.Net;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.SecurityTxt;

/// <summary>security.txt variants served by a real HTTPS server on loopback, found and checked through the safe fetcher.</summary>
public sealed class SecurityTxtFetcherTests
{
    private static readonly string Expires = TimeProvider.System.GetUtcNow().AddDays(60).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string Content(Uri server, string extra = "") =>
        $"Contact: mailto:security@example.com\nExpires: {Expires}\nEncryption: {server}pgp-key.txt\n" +
        $"Canonical: {server}.well-known/security.txt\n{extra}";

    private static async Task<SecurityTxtResult> LookupAsync(LoopbackHttpsServer server, string? registryKey = null, SafeHttpOptions? options = null)
    {
        using var fetcher = new SafeFetcher(options ?? SafeFetcherTests.LoopbackOptions);
        return await new SecurityTxtFetcher(fetcher, TimeProvider.System).LookupAsync(server.BaseAddress.ToString(), registryKey);
    }

    private static Task Serve(HttpContext context, string body, string? contentType = "text/plain; charset=utf-8") => Serve(context, Encoding.UTF8.GetBytes(body), contentType);

    private static async Task Serve(HttpContext context, byte[] body, string? contentType)
    {
        if (contentType is not null) context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body);
    }

    private static string[] Codes(IEnumerable<SecurityTxtProblem> problems) => [.. problems.Select(p => p.Line is int l ? $"{p.Code}@{l}" : p.Code)];

    [Fact]
    public async Task A_file_at_the_well_known_location_is_found_with_its_canonical_URL_matching()
    {
        LoopbackHttpsServer? self = null;
        await using var server = self = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/.well-known/security.txt", (HttpContext c) => Serve(c, Content(self!.BaseAddress))));

        var result = await LookupAsync(server);

        Assert.Equal(SecurityTxtLocation.WellKnown, result.Location);
        Assert.Equal(new Uri(server.BaseAddress, ".well-known/security.txt"), result.Url);
        Assert.Empty(result.Errors);
        Assert.Equal(["not_signed"], Codes(result.Recommendations));
        Assert.Equal(["security@example.com"], result.Fields.ContactEmails);
        Assert.Equal(server.BaseAddress.Authority, result.Target);
    }

    [Fact]
    public async Task Only_the_legacy_location_is_reported_as_such_after_the_well_known_one_was_tried()
    {
        LoopbackHttpsServer? self = null;
        await using var server = self = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/security.txt", (HttpContext c) => Serve(c, Content(self!.BaseAddress).Replace(".well-known/", "", StringComparison.Ordinal))));

        var result = await LookupAsync(server);

        Assert.Equal(SecurityTxtLocation.Legacy, result.Location);
        Assert.Equal(["location"], Codes(result.Errors));
        Assert.Equal([404, 200], result.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task Nothing_at_either_location_is_no_security_txt()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/", () => "home"));

        var result = await LookupAsync(server);

        Assert.False(result.Found);
        Assert.Equal(["no_security_txt"], Codes(result.Errors));
        Assert.Equal(2, result.Attempts.Count);
    }

    [Fact]
    public async Task A_wrong_or_missing_content_type_and_a_byte_order_mark_are_errors()
    {
        LoopbackHttpsServer? self = null;
        await using var html = self = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/.well-known/security.txt", (HttpContext c) =>
                Serve(c, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Content(self!.BaseAddress))], "text/html; charset=iso-8859-1")));
        LoopbackHttpsServer? self2 = null;
        await using var untyped = self2 = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/.well-known/security.txt", (HttpContext c) => Serve(c, Content(self2!.BaseAddress), contentType: null)));

        Assert.Equal(["invalid_media", "invalid_charset", "bom_in_file"], Codes((await LookupAsync(html)).Errors));
        Assert.Equal(["no_content_type"], Codes((await LookupAsync(untyped)).Errors));
    }

    [Fact]
    public async Task Expired_repeated_and_missing_fields_are_reported_with_their_lines()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/.well-known/security.txt", (HttpContext c) =>
                Serve(c, "Expires: 2020-01-01T00:00:00Z\nPreferred-Languages: nl\nExpires: 2020-02-01T00:00:00Z\n")));

        var result = await LookupAsync(server);

        Assert.Equal(["expired@1", "expired@3", "multi_expire@3", "no_contact"], Codes(result.Errors));
    }

    [Fact]
    public async Task After_a_redirect_the_canonical_URL_may_match_the_first_or_the_last_URL_and_must_match_one()
    {
        LoopbackHttpsServer? self = null;
        await using var server = self = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/security.txt", () => Results.Redirect("/moved/.well-known/security.txt"));
            app.MapGet("/moved/.well-known/security.txt", (HttpContext c) =>
                Serve(c, Content(self!.BaseAddress).Replace("Canonical: https://", "Canonical: https://other.example/x/", StringComparison.Ordinal)));
        });

        var result = await LookupAsync(server);

        Assert.Equal(new Uri(server.BaseAddress, "moved/.well-known/security.txt"), result.FinalUrl);
        Assert.Equal(["no_canonical_match"], Codes(result.Errors));
    }

    [Fact]
    public async Task A_redirect_from_the_well_known_path_to_a_home_page_is_not_a_security_txt()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/security.txt", () => Results.Redirect("/"));
            app.MapGet("/security.txt", () => Results.Redirect("/"));
            app.MapGet("/", () => Results.Content("<html>welcome</html>", "text/html"));
        });

        var result = await LookupAsync(server);

        Assert.Equal(["no_security_txt"], Codes(result.Errors));
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_refused_and_the_reason_kept()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/security.txt", () => Results.Redirect("https://192.168.1.1/.well-known/security.txt"));
            app.MapGet("/security.txt", () => Results.Redirect("https://[fd00::1]/security.txt"));
        });

        var result = await LookupAsync(server);

        Assert.Equal(["no_security_txt"], Codes(result.Errors));
        Assert.Equal(["refused: 192.168.1.1 is a private address", "refused: fd00::1 is a unique local (private) address"], result.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task A_redirect_to_plain_http_is_invalid_uri_scheme_and_not_followed()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/.well-known/security.txt", (HttpContext c) => Results.Redirect($"http://{c.Request.Host}/.well-known/security.txt")));

        var result = await LookupAsync(server);

        Assert.Equal(["invalid_uri_scheme", "no_security_txt"], Codes(result.Errors));
    }

    [Fact]
    public async Task Expired_and_untrusted_certificates_are_invalid_cert_and_never_read_anyway()
    {
        await using var expired = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/.well-known/security.txt", (HttpContext c) => Serve(c, "Contact: mailto:a@example.com\n")), TestCertificates.ExpiredServer());
        await using var untrusted = await LoopbackHttpsServer.StartAsync(app =>
            app.MapGet("/.well-known/security.txt", (HttpContext c) => Serve(c, "Contact: mailto:a@example.com\n")), TestCertificates.UntrustedServer());

        Assert.Equal(["invalid_cert", "no_security_txt"], Codes((await LookupAsync(expired)).Errors));
        Assert.Equal(["invalid_cert", "no_security_txt"], Codes((await LookupAsync(untrusted)).Errors));
    }

    [Fact]
    public async Task A_signed_file_is_verified_with_the_key_its_Encryption_field_points_to()
    {
        var signer = new TestSigner();
        var forger = new TestSigner();
        string? file = null;
        LoopbackHttpsServer? self = null;
        await using var server = self = await LoopbackHttpsServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/security.txt", (HttpContext c) => Serve(c, file!));
            app.MapGet("/pgp-key.txt", () => Results.Text(signer.PublicKey, "application/pgp-keys"));
        });

        file = signer.ClearSign(Content(server.BaseAddress));
        var good = await LookupAsync(server);
        Assert.Equal(SignatureStatus.Verified, good.Signature.Status);
        Assert.Equal(new Uri(server.BaseAddress, "pgp-key.txt").AbsoluteUri, good.Signature.KeySource);
        Assert.Empty(good.Errors);
        Assert.Empty(good.Recommendations);

        file = signer.ClearSign(Content(server.BaseAddress)).Replace("security@example.com", "attacker@example.net", StringComparison.Ordinal);
        var changed = await LookupAsync(server);
        Assert.Equal(SignatureStatus.Invalid, changed.Signature.Status);
        Assert.Equal("pgp_signature_error", Assert.Single(changed.Errors).Code);
        Assert.Equal(8, changed.Errors[0].Line); // header, Hash, blank, four fields, then the signature

        file = forger.ClearSign(Content(server.BaseAddress));
        var forged = await LookupAsync(server);
        Assert.Equal(SignatureStatus.Unverified, forged.Signature.Status);
        var withRegistryKey = await LookupAsync(server, registryKey: forger.PublicKey);
        Assert.Equal(SignatureStatus.Verified, withRegistryKey.Signature.Status);
        Assert.Equal("registry", withRegistryKey.Signature.KeySource);
    }
}

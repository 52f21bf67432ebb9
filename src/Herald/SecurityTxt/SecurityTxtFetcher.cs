using System.Globalization;
using System.Text;
using Herald.Net;

namespace Herald.SecurityTxt;

/// <summary>
/// Fetches <c>https://host/.well-known/security.txt</c>, then the legacy <c>/security.txt</c>, through the
/// <see cref="SafeFetcher"/>, checks the transport as sectxt does (certificate, scheme, location, Content-Type),
/// validates the content and verifies a signature with the registry's key or the keys the Encryption field points to.
/// Unlike sectxt it never retries with certificate validation off, nor over plain http.
/// </summary>
public sealed class SecurityTxtFetcher(SafeFetcher fetcher, TimeProvider time, SecurityTxtOptions? options = null) : ISecurityTxtLookup
{
    private static readonly (string Path, SecurityTxtLocation Location)[] Locations =
        [(".well-known/security.txt", SecurityTxtLocation.WellKnown), ("security.txt", SecurityTxtLocation.Legacy)];

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    private readonly SecurityTxtOptions _options = options ?? new SecurityTxtOptions();

    public async Task<SecurityTxtResult> LookupAsync(string target, string? registryKey = null, CancellationToken cancellationToken = default)
    {
        var authority = Authority(target);
        var problems = new SecurityTxtProblems();
        var attempts = new List<SecurityTxtAttempt>();
        if (authority is null)
        {
            problems.Error("no_security_txt", $"{SecurityTxtMessages.For("no_security_txt")} ('{target}' is not a domain name or URL)", null);
            return SecurityTxtChecker.Result(target, SecurityTxtLocation.NotFound, null, problems, SignatureCheck.NotSigned, time.GetUtcNow());
        }
        foreach (var (path, location) in Locations)
        {
            var url = new Uri($"https://{authority}/{path}");
            var fetched = await fetcher.FetchAsync(url, "text/plain", cancellationToken);
            attempts.Add(new SecurityTxtAttempt(url, fetched.StatusCode, Outcome(fetched)));
            if (fetched.Failure is { } failure)
            {
                if (failure.Kind == FetchFailureKind.InvalidCertificate) problems.ErrorOnce("invalid_cert");
                else if (failure.Kind == FetchFailureKind.SchemeNotAllowed && fetched.FinalUri.Scheme == Uri.UriSchemeHttp) problems.ErrorOnce("invalid_uri_scheme");
                continue;
            }
            // A redirect to a page that is not a security.txt (a home page) does not count as finding one.
            if (fetched.StatusCode != 200 || !fetched.FinalUri.AbsolutePath.EndsWith(path, StringComparison.Ordinal)) continue;
            return await ReadAsync(authority, location, fetched, problems, attempts, registryKey, cancellationToken);
        }
        problems.Error("no_security_txt");
        return SecurityTxtChecker.Result(authority, SecurityTxtLocation.NotFound, null, problems, SignatureCheck.NotSigned, time.GetUtcNow()) with { Attempts = attempts };
    }

    private async Task<SecurityTxtResult> ReadAsync(string authority, SecurityTxtLocation location, FetchResult fetched, SecurityTxtProblems problems,
        List<SecurityTxtAttempt> attempts, string? registryKey, CancellationToken cancellationToken)
    {
        if (fetched.FinalUri.Scheme != Uri.UriSchemeHttps) problems.Error("invalid_uri_scheme");
        if (location == SecurityTxtLocation.Legacy) problems.Error("location");
        CheckContentType(fetched.ContentType, problems);
        var now = time.GetUtcNow();
        Uri[] urls = fetched.Chain.Count > 1 ? [fetched.RequestedUri, fetched.FinalUri] : [fetched.RequestedUri];
        var read = SecurityTxtChecker.Read(fetched.Body, urls, now, problems);
        var signature = read.Check;
        if (read.Signature is not null)
        {
            var keys = await KeysAsync(registryKey, read.Parsed.Fields.Encryption, cancellationToken);
            signature = SecurityTxtChecker.Verify(read, keys, problems);
        }
        return SecurityTxtChecker.Result(authority, location, read.Parsed, problems, signature, now) with
        {
            Url = fetched.RequestedUri,
            FinalUrl = fetched.FinalUri,
            Attempts = attempts,
        };
    }

    // As sectxt reads the header (Python's cgi.parse_header): media type before ';', then name=value parameters.
    private static void CheckContentType(string? contentType, SecurityTxtProblems problems)
    {
        if (contentType is null)
        {
            problems.Error("no_content_type");
            return;
        }
        var parts = contentType.Split(';');
        if (!parts[0].Trim().Equals("text/plain", StringComparison.OrdinalIgnoreCase)) problems.Error("invalid_media");
        foreach (var parameter in parts.Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            var charset = parameter[(equals + 1)..].Trim().Trim('"').ToLowerInvariant();
            if (charset is not ("utf-8" or "csutf8")) problems.Error("invalid_charset");
        }
    }

    private async Task<List<OpenPgpKey>> KeysAsync(string? registryKey, IReadOnlyList<string> encryption, CancellationToken cancellationToken)
    {
        var keys = new List<OpenPgpKey>();
        if (registryKey is not null) keys.Add(new OpenPgpKey("registry", Encoding.UTF8.GetBytes(registryKey)));
        foreach (var value in encryption.Take(_options.MaxKeyFetches))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps) continue;
            var fetched = await fetcher.FetchAsync(uri, "application/pgp-keys", cancellationToken);
            if (fetched.StatusCode == 200 && fetched.Failure is null) keys.Add(new OpenPgpKey(uri.AbsoluteUri, fetched.Body));
        }
        return keys;
    }

    private static string Outcome(FetchResult fetched) =>
        fetched.Failure?.Message ?? (fetched.Chain.Count > 1 ? $"HTTP {fetched.StatusCode} from {fetched.FinalUri}" : $"HTTP {fetched.StatusCode}");

    /// <summary>The host (and port) to look at: a domain as given, or the authority of a URL.</summary>
    internal static string? Authority(string target)
    {
        var trimmed = target.Trim();
        if (trimmed.Contains("://", StringComparison.Ordinal))
            return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Authority : null;
        string host;
        try
        {
            // Internationalised names are fetched by their ASCII (punycode) form.
            host = Idn.GetAscii(trimmed.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6 ? host : null;
    }
}

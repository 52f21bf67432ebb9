using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Herald.Net;
using Herald.SecurityTxt;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald securitytxt &lt;domain|url|file|-&gt; [--json]</c>: fetches and validates a security.txt (RFC 9116)
/// with sectxt's codes, or validates a file or standard input as content alone.
/// </summary>
internal static class SecurityTxtCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "A domain, an https URL (its host and port are used), a file, or - for standard input" };
        var json = new Option<bool>("--json") { Description = "One JSON object with the fields, errors, recommendations and notifications" };
        var key = new Option<FileInfo?>("--key") { Description = "An OpenPGP public key to verify the signature with, as one from the registry would be" };
        var allow = new Option<string[]>("--allow-network")
        {
            Description = "A special-purpose network (CIDR) that may be fetched from anyway, e.g. 127.0.0.0/8 for a local test server",
            DefaultValueFactory = _ => [],
        };
        var trustRoot = new Option<FileInfo?>("--trust-root") { Description = "A PEM certificate authority to trust besides the system's" };
        var command = new Command("securitytxt", "Fetch and validate a security.txt file (RFC 9116), with the Digital Trust Center validator's codes")
        {
            target, json, key, allow, trustRoot,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var time = HeraldCommands.Time(result);
            string? registryKey = null;
            if (result.GetValue(key) is { } keyFile)
            {
                OperatorFiles.Require(keyFile);
                registryKey = await File.ReadAllTextAsync(keyFile.FullName, cancellationToken);
            }
            var what = result.GetValue(target)!;
            SecurityTxtResult outcome;
            if (what == "-" || File.Exists(what))
            {
                var content = what == "-" ? await ReadStandardInputAsync(cancellationToken) : await File.ReadAllBytesAsync(what, cancellationToken);
                OpenPgpKey[] keys = registryKey is null ? [] : [new OpenPgpKey(result.GetValue(key)!.Name, Encoding.UTF8.GetBytes(registryKey))];
                outcome = SecurityTxtChecker.CheckContent(what == "-" ? "standard input" : what, content, keys, time.GetUtcNow());
            }
            else
            {
                var options = new SafeHttpOptions { AllowedNetworks = [.. result.GetValue(allow)!.Select(Network)], ExtraTrustRoot = TrustRoot(result.GetValue(trustRoot)) };
                using var fetcher = new SafeFetcher(options, time);
                outcome = await new SecurityTxtFetcher(fetcher, time).LookupAsync(what, registryKey, cancellationToken);
            }
            if (result.GetValue(json)) await Console.Out.WriteLineAsync(SecurityTxtJson.Write(outcome));
            else await Console.Out.WriteAsync(SecurityTxtText.Write(outcome));
            return outcome.IsValid ? 0 : 1;
        });
        return command;
    }

    private static IPNetwork Network(string text) => IPNetwork.TryParse(text, out var network)
        ? network
        : throw new UserException($"--allow-network '{text}' is not a network in CIDR notation such as 127.0.0.0/8");

    private static X509Certificate2? TrustRoot(FileInfo? pem)
    {
        if (pem is null) return null;
        OperatorFiles.Require(pem);
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(pem.FullName);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new UserException($"--trust-root {pem.FullName} is not a certificate: {ex.Message}", ex);
        }
    }

    private static async Task<byte[]> ReadStandardInputAsync(CancellationToken cancellationToken)
    {
        await using var input = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}

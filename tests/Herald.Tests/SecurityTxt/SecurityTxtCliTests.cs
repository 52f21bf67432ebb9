using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Herald.Cli;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.SecurityTxt;

/// <summary><c>herald securitytxt</c> as an operator runs it: on a file, on standard input, and on a server.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SecurityTxtCliTests : IDisposable
{
    private const string Broken = "Contact:mailto:security@example.com\nExpires: 2020-01-01T00:00:00Z\nFoo: bar\nContact: https://example.com/report";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Output)> Herald(params string[] args)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var code = await HeraldCli.RunAsync([.. args, "--data", Path.Combine(_dir.Path, "data")]);
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private string File(string content)
    {
        var path = Path.Combine(_dir.Path, "security.txt");
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task A_file_is_validated_as_content_and_the_problems_printed_with_their_lines()
    {
        var (code, output) = await Herald("securitytxt", File(Broken));

        Assert.Equal(1, code);
        Assert.Contains("content checked as given", output, StringComparison.Ordinal);
        Assert.Matches(@"line 1\s+no_space\s+Field separator \(colon\) must be followed by a space\.", output);
        Assert.Matches(@"line 2\s+expired", output);
        Assert.Matches(@"line 4\s+no_line_separators", output);
        Assert.Matches(@"line 3\s+unknown_field", output);
        Assert.Contains("Contact:             https://example.com/report", output, StringComparison.Ordinal);
        Assert.Contains("Not valid: 3 error(s).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_one_object_with_the_fields_and_the_three_lists()
    {
        var (code, output) = await Herald("securitytxt", File(Broken), "--json");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("content", root.GetProperty("location").GetString());
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal(["mailto:security@example.com", "https://example.com/report"], root.GetProperty("contact").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2020-01-01T00:00:00Z", root.GetProperty("expires").GetString());
        var errors = root.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("line").ValueKind == JsonValueKind.Null ? 0 : e.GetProperty("line").GetInt32())).ToArray();
        Assert.Equal([("no_space", 1), ("expired", 2), ("no_line_separators", 4)], errors);
        Assert.Equal("unknown_field", root.GetProperty("notifications")[0].GetProperty("code").GetString());
        Assert.Equal(3, root.GetProperty("notifications")[0].GetProperty("line").GetInt32());
        Assert.Equal(["no_encryption", "not_signed"], root.GetProperty("recommendations").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.All(root.GetProperty("recommendations").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("line").ValueKind));
        Assert.Equal("bar", root.GetProperty("otherFields").GetProperty("foo")[0].GetString());
    }

    [Fact]
    public async Task Standard_input_is_read_as_bytes_so_a_byte_order_mark_is_seen()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Herald.Cli.dll"), "securitytxt", "-", "--json"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var expires = TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await process.StandardInput.BaseStream.WriteAsync(new byte[] { 0xEF, 0xBB, 0xBF });
        await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes($"Contact: https://example.com/report\nExpires: {expires}\n"));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("standard input", json.RootElement.GetProperty("target").GetString());
        Assert.Equal("bom_in_file", Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_server_is_fetched_when_its_network_is_allowed_and_its_authority_trusted_and_refused_otherwise()
    {
        var expires = TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await LoopbackHttpsServer.StartAsync(app => app.MapGet("/security.txt",
            () => Results.Text($"Contact: https://example.com/report\nExpires: {expires}\n", "text/plain")));
        var authority = Path.Combine(_dir.Path, "ca.pem");
        await System.IO.File.WriteAllTextAsync(authority, TestCertificates.Authority.ExportCertificatePem());

        var (code, output) = await Herald("securitytxt", server.BaseAddress.ToString(), "--allow-network", "127.0.0.0/8", "--trust-root", authority, "--json");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("legacy", json.RootElement.GetProperty("location").GetString());
        Assert.Equal(new Uri(server.BaseAddress, "security.txt").AbsoluteUri, json.RootElement.GetProperty("url").GetString());
        Assert.Equal("location", Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());

        var (refusedCode, refused) = await Herald("securitytxt", server.BaseAddress.ToString());
        Assert.Equal(1, refusedCode);
        Assert.Contains("no_security_txt", refused, StringComparison.Ordinal);
        Assert.Contains("refused: 127.0.0.1 is a loopback address", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_file_is_verified_with_a_key_given_on_the_command_line()
    {
        var signer = new TestSigner();
        var expires = TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var file = File(signer.ClearSign($"Contact: https://example.com/report\nExpires: {expires}\nCanonical: https://example.com/.well-known/security.txt\n"));
        var key = Path.Combine(_dir.Path, "key.asc");
        await System.IO.File.WriteAllTextAsync(key, signer.PublicKey);

        var (code, output) = await Herald("securitytxt", file, "--key", key);

        Assert.Equal(0, code);
        Assert.Contains("good signature by", output, StringComparison.Ordinal);
        Assert.Contains("Valid.", output, StringComparison.Ordinal);
    }
}

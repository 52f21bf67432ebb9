using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Herald.Cli;
using Herald.Settings;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Settings;

/// <summary>
/// A service that is not Herald's demo: its own name, sender, phone number, website and reference prefix, set in the
/// data directory's settings file, carried by the warning, its DKIM signature, its subject and the verification page.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ServiceIdentityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly TestTime _time = new(Now);

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private const string Identity = """
        {
          "Service": {
            "Name": "CERT Voorbeeld",
            "SenderName": "CERT Voorbeeld meldingen",
            "SenderAddress": "meldingen@cert-voorbeeld.test",
            "PhoneNumber": "+31 30 123 45 67",
            "WebsiteUrl": "https://www.cert-voorbeeld.test",
            "VerifyUrl": "https://www.cert-voorbeeld.test/echt",
            "ReferencePrefix": "CVB"
          }
        }
        """;

    private async Task<(int Code, string Error)> HeraldAsync(params string[] args)
    {
        var (code, _, error) = await CliRun.RunAsync([.. args, "--data", Data], _time);
        return (code, error);
    }

    [Fact]
    public async Task The_warning_its_signature_its_reference_and_the_verification_page_carry_the_configured_identity()
    {
        Directory.CreateDirectory(Data);
        await File.WriteAllTextAsync(Path.Combine(Data, HeraldSettings.FileName), Identity);
        Assert.Equal(0, (await HeraldAsync("keys", "dkim-generate")).Code);
        Assert.Equal(0, (await HeraldAsync("schema", "update", "--from", TestData.SchemaPath)).Code);
        var settings = HeraldSettings.Load(new SettingsRequest { DataDirectory = Data, Environment = new System.Collections.Hashtable() });
        var runtime = new HeraldRuntime(settings.Options, _time);
        await BakeryRegistry.SeedAsync(runtime);

        var (code, error) = await HeraldAsync("process", await WriteReportAsync());
        Assert.True(code == 0, error);

        var message = MimeMessage.Load(Assert.Single(Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml")));
        var sender = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal(("CERT Voorbeeld meldingen", "meldingen@cert-voorbeeld.test"), (sender.Name, sender.Address));
        var dkim = message.Headers[HeaderId.DkimSignature];
        Assert.Matches(@"(^|;)\s*d=cert-voorbeeld\.test\s*;", dkim ?? "");
        var reference = ReferencePattern().Match(message.Subject ?? "").Value;
        Assert.Equal($"CVB-{Now.Year.ToString(CultureInfo.InvariantCulture)}-000001", reference);
        Assert.Contains("+31 30 123 45 67", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://www.cert-voorbeeld.test/echt", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("herald.example", message.TextBody + message.HtmlBody, StringComparison.Ordinal);

        await using var db = runtime.Database.Open();
        var warning = await db.Notifications.AsNoTracking().SingleAsync();
        Assert.Equal(reference, warning.Reference);
        await using var web = await RunningWeb.StartAsync(runtime);
        var form = await web.Client.GetStringAsync("/verify");
        var shown = WebUtility.HtmlDecode(form);
        Assert.Contains("<title>Verify a warning · CERT Voorbeeld</title>", shown, StringComparison.Ordinal);
        Assert.Contains("meldingen@cert-voorbeeld.test", shown, StringComparison.Ordinal);
        Assert.Contains("+31 30 123 45 67", shown, StringComparison.Ordinal);
        var token = AntiforgeryPattern().Match(form).Groups[1].Value;
        var answer = await web.Client.PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reference"] = reference,
            ["Code"] = warning.VerificationCode,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Echt / Genuine.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_identity_value_stops_the_command_at_start_with_the_key_and_sends_nothing()
    {
        Directory.CreateDirectory(Data);
        await File.WriteAllTextAsync(Path.Combine(Data, HeraldSettings.FileName),
            Identity.Replace("meldingen@cert-voorbeeld.test", "meldingen at cert-voorbeeld", StringComparison.Ordinal));

        var (code, error) = await HeraldAsync("process", await WriteReportAsync());

        Assert.Equal(HeraldCli.Mistake, code);
        Assert.Equal($"herald: Service:SenderAddress: 'meldingen at cert-voorbeeld' is not an e-mail address such as warnings@cert.example (file {Path.Combine(Data, HeraldSettings.FileName)})",
            error.TrimEnd());
        Assert.Contains("Service:SenderAddress: 'meldingen at cert-voorbeeld' is not an e-mail address", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, "herald.db")));
    }

    /// <summary>Three exposed hosts of the bakery, seen an hour before the test's clock.</summary>
    private async Task<string> WriteReportAsync()
    {
        var seen = Now.AddHours(-1);
        var path = Path.Combine(_dir.Path, seen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-scan_http_vulnerable-nl-geo.csv");
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync("\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"");
        for (var i = 1; i <= 3; i++)
            await writer.WriteLineAsync($"\"{seen.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}\",192.0.2.{i},tcp,443,,\"cve-2021-41773\",64500,NL,Region,City,0,0,HTTP/1.1,200");
        return path;
    }

    [GeneratedRegex(@"CVB-\d{4}-\d{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}

using System.Collections;
using Herald.Deliver;
using Herald.Settings;
using Herald.Tests.Support;

namespace Herald.Tests.Settings;

/// <summary>How settings are read: file, environment, command line; every mistake named by its key; secrets kept secret.</summary>
public sealed class HeraldSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private void WriteFile(string json)
    {
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Data, HeraldSettings.FileName), json);
    }

    private HeraldSettings Load(IDictionary? environment = null, params string[] overrides) => HeraldSettings.Load(new SettingsRequest
    {
        DataDirectory = Data,
        Environment = environment ?? new Hashtable(),
        Overrides = overrides,
    });

    private UserException Fails(IDictionary? environment = null, params string[] overrides) =>
        Assert.Throws<UserException>(() => Load(environment, overrides));

    [Fact]
    public void Without_a_file_every_setting_has_its_default_and_says_so()
    {
        var settings = Load();

        Assert.Equal(new HeraldOptions { DataDirectory = Data }.Service, settings.Options.Service);
        Assert.Null(settings.Options.Delivery.Smtp);
        var entries = settings.Entries().ToDictionary(e => e.Key);
        Assert.Equal("absent", entries["SettingsFile"].Origin);
        Assert.Equal(("HRLD", "default"), (entries["Service:ReferencePrefix"].Value, entries["Service:ReferencePrefix"].Origin));
        Assert.Equal("14d", entries["FollowUp:ReminderAfter"].Value);
        Assert.Equal(Path.Combine(Data, "keys", "dkim.pem"), entries["Signing:Dkim:KeyPath"].Value);
        Assert.StartsWith("not set: warnings go to the pickup folder", entries["Delivery:Smtp"].Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_the_environment_and_the_command_line_apply_in_that_order_and_each_value_says_where_it_came_from()
    {
        WriteFile("""
            {
              "Service": { "Name": "CERT Voorbeeld", "PhoneNumber": "+31 30 123 45 67", "ReferencePrefix": "CVB" },
              "FollowUp": { "ReminderAfter": "10d", "EscalateAfter": "7.00:00:00" },
              "Delivery": { "MaxPerMinutePerDomain": 5, "Smtp": { "Host": "smtp.cert.example", "User": "herald" } },
              "Decision": { "Constituency": [ "BE", "LU" ] },
              "Upload": { "MaxBytes": 1048576 }
            }
            """);
        var environment = new Hashtable
        {
            ["HERALD__Service__PhoneNumber"] = "+31 30 765 43 21",
            ["HERALD__Delivery__Smtp__Password"] = "s3cret-relay",
            ["HERALD_SMTP_PORT"] = "2525",
        };

        var settings = Load(environment, "Service:ReferencePrefix=CVX");
        var o = settings.Options;

        Assert.Equal("CERT Voorbeeld", o.Service.Name);
        Assert.Equal("+31 30 765 43 21", o.Service.PhoneNumber);
        Assert.Equal("CVX", o.Service.ReferencePrefix);
        Assert.Equal(TimeSpan.FromDays(10), o.FollowUp.ReminderAfter);
        Assert.Equal(TimeSpan.FromDays(7), o.FollowUp.EscalateAfter);
        Assert.Equal(5, o.Delivery.MaxPerMinutePerDomain);
        Assert.Equal(("smtp.cert.example", 2525, TransportSecurity.StartTls, "herald", "s3cret-relay"),
            (o.Delivery.Smtp!.Host, o.Delivery.Smtp.Port, o.Delivery.Smtp.Security, o.Delivery.Smtp.User, o.Delivery.Smtp.Password));
        Assert.Equal(["BE", "LU"], o.Decision.Constituency.Order(StringComparer.Ordinal));
        Assert.Contains("be", o.Decision.Constituency);
        Assert.Equal(1048576, o.Upload.MaxBytes);

        var origins = settings.Entries().ToDictionary(e => e.Key, e => e.Origin);
        var file = "file " + Path.Combine(Data, HeraldSettings.FileName);
        Assert.Equal(file, origins["Service:Name"]);
        Assert.Equal("environment HERALD__Service__PhoneNumber", origins["Service:PhoneNumber"]);
        Assert.Equal("environment HERALD_SMTP_PORT", origins["Delivery:Smtp:Port"]);
        Assert.Equal("command line", origins["Service:ReferencePrefix"]);
        Assert.Equal(file, origins["Decision:Constituency"]);
        Assert.Equal("default", origins["Service:SenderAddress"]);
    }

    [Fact]
    public void A_list_replaces_its_default_and_may_be_given_comma_separated()
    {
        var settings = Load(null, "Decision:Constituency=DE, AT");

        Assert.Equal(["AT", "DE"], settings.Options.Decision.Constituency.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_misspelt_key_is_refused_with_the_key_the_operator_probably_meant()
    {
        WriteFile("""{ "Service": { "SenderAdress": "meldingen@cert.example" } }""");

        var error = Fails();

        Assert.Contains("Service:SenderAdress is not a Herald setting (did you mean Service:SenderAddress?)", error.Message, StringComparison.Ordinal);
        Assert.Contains(HeraldSettings.FileName, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HERALD__Delivery__Smtp__Port", "25x", "Delivery:Smtp:Port: '25x' is not a whole number (environment HERALD__Delivery__Smtp__Port)")]
    [InlineData("HERALD_SMTP_PORT", "70000", "Delivery:Smtp:Port: 70000 is not a port (1 to 65535) (environment HERALD_SMTP_PORT)")]
    [InlineData("HERALD__Delivery__Smtp__Security", "Tls", "Delivery:Smtp:Security: 'Tls' is not one of StartTls, Ssl, None")]
    [InlineData("HERALD__FollowUp__ReminderAfter", "two weeks", "FollowUp:ReminderAfter: 'two weeks' is not a duration")]
    [InlineData("HERALD__Delivery__AllowUnsigned", "yes", "Delivery:AllowUnsigned: 'yes' is not true or false")]
    [InlineData("HERALD__Service__SenderAddress", "warnings at cert", "Service:SenderAddress: 'warnings at cert' is not an e-mail address")]
    [InlineData("HERALD__Service__SenderName", "CERT\r\nBcc: all@example.org", "Service:SenderName: must be one line without control characters")]
    [InlineData("HERALD__Service__WebsiteUrl", "http://cert.example", "Service:WebsiteUrl: 'http://cert.example' must use https")]
    [InlineData("HERALD__Service__ReferencePrefix", "cert-", "Service:ReferencePrefix: 'cert-' is not 2 to 10 capital letters")]
    [InlineData("HERALD__Decision__Constituency__0", "NLD", "Decision:Constituency: 'NLD' is not a two-letter country code")]
    [InlineData("HERALD__Delivery__Jitter", "1.5", "Delivery:Jitter: is a fraction between 0 and 1")]
    [InlineData("HERALD__Upload__PermitsPerMinute", "0", "Upload:PermitsPerMinute: must be at least 1")]
    public void A_bad_value_is_refused_at_start_with_its_key_and_where_it_came_from(string variable, string value, string expected)
    {
        var environment = new Hashtable { [variable] = value };
        if (variable.Contains("Smtp", StringComparison.Ordinal) || variable.Contains("SMTP", StringComparison.Ordinal))
            environment["HERALD__Delivery__Smtp__Host"] = "127.0.0.1";

        var error = Fails(environment);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Plain_text_to_a_relay_off_loopback_is_refused()
    {
        var error = Fails(new Hashtable { ["HERALD__Delivery__Smtp__Host"] = "smtp.cert.example", ["HERALD__Delivery__Smtp__Security"] = "None" });

        Assert.StartsWith("Delivery:Smtp:Security: None (no TLS) is allowed only to a server on loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_in_the_settings_file_or_on_the_command_line_is_refused_without_showing_it()
    {
        WriteFile("""{ "Delivery": { "Smtp": { "Host": "smtp.cert.example", "User": "herald", "Password": "hunter2-in-git" } } }""");
        var inFile = Fails();
        Assert.Contains("Delivery:Smtp:Password is a secret and is not read from", inFile.Message, StringComparison.Ordinal);
        Assert.Contains("HERALD__Delivery__Smtp__Password", inFile.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", inFile.Message, StringComparison.Ordinal);

        WriteFile("{}");
        var onCommandLine = Fails(null, "Signing:OpenPgp:Passphrase=visible-in-ps");
        Assert.Contains("is not read from the command line", onCommandLine.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("visible-in-ps", onCommandLine.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_come_from_files_named_beside_their_key_and_are_masked_wherever_settings_are_shown()
    {
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Data, "smtp-password"), "from-a-file\n");
        File.WriteAllText(Path.Combine(_dir.Path, "z-cert.token"), "zcertToken123");
        WriteFile("""
            {
              "Delivery": { "Smtp": { "Host": "smtp.cert.example", "User": "herald", "PasswordFile": "smtp-password" } },
              "Forward": { "TokenFiles": { "z-cert": "../z-cert.token" } }
            }
            """);

        var settings = Load(new Hashtable { ["HERALD__Mailbox__Host"] = "imap.cert.example", ["HERALD__Mailbox__User"] = "herald", ["HERALD__Mailbox__Password"] = "imap-secret" });

        Assert.Equal("from-a-file", settings.Options.Delivery.Smtp!.Password);
        Assert.Equal("zcertToken123", settings.Options.Forward.Tokens.For("z-cert"));
        var entries = settings.Entries().ToList();
        var shown = string.Join("\n", entries.Select(e => $"{e.Key} {e.Value} {e.Origin}"));
        Assert.DoesNotContain("from-a-file", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("zcertToken123", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("imap-secret", shown, StringComparison.Ordinal);
        Assert.Equal(("********", "file " + Path.Combine(Data, "smtp-password")),
            entries.Where(e => e.Key == "Delivery:Smtp:Password").Select(e => (e.Value, e.Origin)).Single());
        Assert.Contains(entries, e => e.Key == "Forward:Tokens:Z_CERT" && e.Value == SettingEntry.Mask);
        // Nor through the options' printed form, which is what ends up in a log line or an exception.
        Assert.DoesNotContain("from-a-file", settings.Options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("imap-secret", settings.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_file_names_the_key_and_the_path()
    {
        WriteFile("""{ "Signing": { "OpenPgp": { "PassphraseFile": "/nonexistent/herald/passphrase" } } }""");

        Assert.StartsWith("Signing:OpenPgp:PassphraseFile: cannot read /nonexistent/herald/passphrase", Fails().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_paths_in_the_settings_are_relative_to_the_data_directory()
    {
        WriteFile("""{ "RoutingDirectory": "routing-2026", "Signing": { "Dkim": { "KeyPath": "keys/other.pem" } } }""");

        var o = Load().Options;

        Assert.Equal(Path.Combine(Data, "routing-2026"), o.EffectiveRoutingDirectory);
        Assert.Equal(Path.Combine(Data, "keys", "other.pem"), o.EffectiveSigning.Dkim.KeyPath);
    }

    [Fact]
    public void A_settings_file_that_is_not_json_is_named_with_what_is_wrong()
    {
        WriteFile("""{ "Service": { "Name": "CERT" """);

        var error = Fails();

        Assert.StartsWith(Path.Combine(Data, HeraldSettings.FileName) + " is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_settings_file_named_on_the_command_line_must_exist()
    {
        var error = Assert.Throws<UserException>(() => HeraldSettings.Load(new SettingsRequest
        {
            DataDirectory = Data,
            File = Path.Combine(_dir.Path, "nope.json"),
            Environment = new Hashtable(),
        }));

        Assert.Equal($"the settings file {Path.Combine(_dir.Path, "nope.json")} does not exist", error.Message);
    }

    [Fact]
    public void The_data_directory_comes_from_the_command_line_then_HERALD_DATA()
    {
        var fromEnvironment = HeraldSettings.Load(new SettingsRequest { Environment = new Hashtable { ["HERALD_DATA"] = Data } });
        Assert.Equal((Data, "environment HERALD_DATA"), (fromEnvironment.Options.DataDirectory, fromEnvironment.DataDirectoryOrigin));

        var other = Path.Combine(_dir.Path, "other");
        var fromCommandLine = HeraldSettings.Load(new SettingsRequest { DataDirectory = other, Environment = new Hashtable { ["HERALD_DATA"] = Data } });
        Assert.Equal((other, "--data"), (fromCommandLine.Options.DataDirectory, fromCommandLine.DataDirectoryOrigin));
    }

    [Fact]
    public void Every_option_an_operator_would_change_is_a_setting()
    {
        var keys = SettingsCatalog.All.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(
        [
            "Service:Name", "Service:SenderAddress", "Service:SenderName", "Service:PhoneNumber", "Service:WebsiteUrl", "Service:VerifyUrl",
            "Service:ReferencePrefix", "Service:AllowedLinkDomains", "FollowUp:ReminderAfter", "FollowUp:EscalateAfter",
            "Delivery:Smtp:Host", "Delivery:Smtp:Port", "Delivery:MaxPerMinutePerDomain", "Delivery:AllowUnsigned", "Mailbox:Host", "Mailbox:Folder",
            "Forward:MaxDocumentBytes", "Forward:Http:Timeout", "Upload:MaxBytes", "Upload:PermitsPerMinute", "Signing:Dkim:Selector",
        ]), keys);
        // What guards partner forwarding against SSRF is not for settings.
        Assert.DoesNotContain("Forward:Http:AllowHttp", keys);
        Assert.DoesNotContain("Forward:Http:AllowedNetworks", keys);
    }
}

using System.Text.RegularExpressions;
using Herald.Collect;

namespace Herald.Tests.Collect;

public sealed partial class CollectorsFileTests
{
    private const string Data = "/srv/herald/data";

    private static CollectorsConfiguration Parse(string yaml) => CollectorsFile.Parse(yaml, "/srv/herald/data/collectors.yaml", Data);

    private static IReadOnlyList<string> Problems(string yaml) => Assert.Throws<CollectorsFileException>(() => Parse(yaml)).Problems;

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [Fact]
    public void The_example_in_the_documentation_loads_with_every_kind()
    {
        var doc = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "collectors.md"));

        var configuration = Parse(YamlBlock().Match(doc).Groups[1].Value);

        Assert.Equal(["inbox", "shadowserver-mail", "shadowserver-api", "partner-feed"], configuration.Collectors.Select(c => c.Name));
        var folder = Assert.IsType<FolderSettings>(configuration.Collectors[0].Settings);
        Assert.Equal("/srv/herald/data/inbox", folder.Path);
        var imap = Assert.IsType<ImapSettings>(configuration.Collectors[1].Settings);
        Assert.Equal((993, ImapTls.Ssl, "REPORTS_MAILBOX_PASSWORD"), (imap.Port, imap.Tls, imap.Password.Environment));
        Assert.Equal(TimeSpan.FromMinutes(5), configuration.Collectors[1].Interval);
        var api = Assert.IsType<ShadowserverApiSettings>(configuration.Collectors[2].Settings);
        Assert.Equal("/run/secrets/shadowserver-secret", api.Secret.File);
        Assert.Equal(["scan_http_vulnerable", "scan_rdp"], api.Types);
        Assert.Equal("partner-cert", configuration.Collectors[3].Source);
        Assert.Equal(new ArchiveLimits(), configuration.Limits);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_line_and_column()
    {
        var problems = Problems("""
            limits:
              max-compression-ratio: lots
            collectors:
              - name: mail
                kind: imap
                source: shadowserver
                interval: often
                host: imap.example.nl
                tls: none
                username: reports
                password: hunter2
              - name: feed
                kind: ftp
                source: partner
              - name: drop
                kind: folder
                pth: inbox
            """);

        Assert.Equal([
            "collectors.yaml:2:26: 'max-compression-ratio' must be a whole number from 2 to 100000, not 'lots'",
            "collectors.yaml:7:15: 'interval' must be a duration such as 30s, 5m, 1h or 1d, not 'often'",
            "collectors.yaml:9:10: 'tls: none' sends the password in the clear and is allowed only for a loopback host, not 'imap.example.nl'",
            "collectors.yaml:11:15: 'password' must not be written here: use 'password-env' (an environment variable) or 'password-file' (a file holding it)",
            "collectors.yaml:13:11: 'kind' must be folder, imap, shadowserver-api or https, not 'ftp'",
            "collectors.yaml:15:5: 'source' is required",
            "collectors.yaml:17:5: 'pth' is not a setting of a folder collector",
        ], problems);
    }

    [Fact]
    public void A_secret_is_never_echoed_in_a_problem()
    {
        var problems = Problems("""
            collectors:
              - name: api
                kind: shadowserver-api
                source: shadowserver
                api-key: 0123456789abcdef
                secret-env: SS_SECRET
            """);

        Assert.DoesNotContain(problems, p => p.Contains("0123456789abcdef", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("collectors.yaml:5:14: 'api-key' must not be written here", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_YAML_and_a_duplicate_name_and_a_plain_http_URL_are_refused()
    {
        Assert.StartsWith("collectors.yaml:3:1: ", Assert.Single(Problems("collectors:\n  - name: [unclosed\n")), StringComparison.Ordinal);
        var problems = Problems("""
            collectors:
              - { name: a, kind: https, source: s, url: "http://feed.example/x.csv" }
              - { name: a, kind: folder, source: s }
            """);
        Assert.Equal([
            "collectors.yaml:2:45: 'url' must be an https URL without credentials in it, not 'http://feed.example/x.csv'",
        ], problems.Take(1));
        Assert.DoesNotContain(problems, p => p.Contains("defined twice", StringComparison.Ordinal));
        Assert.Contains("defined twice", Assert.Single(Problems("""
            collectors:
              - { name: a, kind: folder, source: s }
              - { name: A, kind: folder, source: s }
            """)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_missing_from_the_environment_says_where_it_was_looked_for()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SecretReference("HERALD_TEST_UNSET_" + Guid.NewGuid().ToString("N"), null).Resolve());

        Assert.Contains("environment variable HERALD_TEST_UNSET_", error.Message, StringComparison.Ordinal);
    }
}

using Herald.Parse;

namespace Herald.Tests.Parse;

/// <summary>The schema's conversions, with the semantics of IntelMQ's Shadowserver parser (intelmq/bots/parsers/shadowserver/_config.py).</summary>
public sealed class ConversionsTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("x", "x")]
    [InlineData("0", "0")]
    public void None_keeps_the_text_and_maps_empty_to_null(string value, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.None, value));

    [Theory]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("unknown", null)]
    [InlineData("Unknown", "Unknown")]
    [InlineData("00", "00")]
    [InlineData("nginx", "nginx")]
    public void Validate_to_none_maps_empty_zero_and_unknown_to_null(string value, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.ValidateToNone, value));

    [Theory]
    [InlineData("", null)]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    public void Convert_int_gives_a_whole_number_or_null_for_empty(string value, object? expected) =>
        Assert.Equal(expected, Apply(Conversion.ConvertInt, value));

    [Theory]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("-0", null)]
    [InlineData("517311", 517311L)]
    public void Invalidate_zero_gives_a_whole_number_and_null_for_empty_or_zero(string value, object? expected) =>
        Assert.Equal(expected, Apply(Conversion.InvalidateZero, value));

    [Theory]
    [InlineData(Conversion.ConvertInt, "4.2")]
    [InlineData(Conversion.ConvertInt, "many")]
    [InlineData(Conversion.InvalidateZero, "0x10")]
    [InlineData(Conversion.ConvertFloat, "about 3")]
    [InlineData(Conversion.ConvertFloat, "NaN")]
    [InlineData(Conversion.ConvertFloat, "Infinity")]
    [InlineData(Conversion.ConvertFloat, "1e400")]
    [InlineData(Conversion.AddUtcToTimestamp, "yesterday")]
    [InlineData(Conversion.ConvertDate, "2026-13-45 10:00:00")]
    public void A_value_that_does_not_convert_is_an_error_naming_the_value(Conversion conversion, string value)
    {
        var result = Conversions.Apply(conversion, value, NoColumns, out var error);

        Assert.Null(result);
        Assert.NotNull(error);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("1.5", 1.5)]
    [InlineData("2", 2.0)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e3", 1000.0)]
    public void Convert_float_gives_a_finite_number_or_null_for_empty(string value, object? expected) =>
        Assert.Equal(expected, Apply(Conversion.ConvertFloat, value));

    [Theory]
    [InlineData("y", true)]
    [InlineData("yes", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("enabled", true)]
    [InlineData("1", true)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("disabled", false)]
    [InlineData("0", false)]
    [InlineData("", null)]
    [InlineData("maybe", null)]
    [InlineData("2", null)]
    public void Convert_bool_reads_the_words_intelmq_reads_and_nothing_else(string value, bool? expected) =>
        Assert.Equal(expected, Apply(Conversion.ConvertBool, value));

    [Theory]
    [InlineData(Conversion.AddUtcToTimestamp, "2026-11-01 10:00:00", "2026-11-01T10:00:00+00:00")]
    [InlineData(Conversion.AddUtcToTimestamp, "2026-11-01 10:00:00.250", "2026-11-01T10:00:00.250000+00:00")]
    [InlineData(Conversion.ConvertDateUtc, "2026-11-01 10:00:00", "2026-11-01T10:00:00+00:00")]
    [InlineData(Conversion.ConvertDate, "Wed, 10 Feb 2010 00:00:00 GMT", "2010-02-10T00:00:00+00:00")]
    [InlineData(Conversion.ConvertDate, "2026-11-01T12:00:00+02:00", "2026-11-01T10:00:00+00:00")]
    [InlineData(Conversion.ConvertDate, "", null)]
    public void Dates_become_iso_8601_in_utc(Conversion conversion, string value, string? expected) =>
        Assert.Equal(expected, Apply(conversion, value) is DateTimeOffset time ? Herald.Events.EventValues.FormatTime(time) : null);

    [Theory]
    [InlineData("", null)]
    [InlineData("log4j", null)]
    [InlineData("basic-auth,http", null)]
    [InlineData("cve-2021-44228", "cve-2021-44228")]
    [InlineData("CVE-2021-44228", "cve-2021-44228")]
    [InlineData("log4j;cve-2021-44228", "cve-2021-44228")]
    [InlineData("cve-2021-41773;cve-2021-42013;apache", "cve-2021-41773;cve-2021-42013")]
    [InlineData("cve-2021-41773;CVE-2021-41773", "cve-2021-41773")]
    [InlineData("cve-21-1", null)]
    public void Extract_cve_from_tag_gives_the_lower_case_cve_ids_joined_by_semicolons(string tag, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.ExtractCveFromTag, tag));

    [Theory]
    [InlineData("exchange;webshell", "intrusions", "system-compromise", "exchange-server-webshell")]
    [InlineData("exchange", "vulnerable", "infected-system", "vulnerable-exchange-server")]
    [InlineData("", "vulnerable", "infected-system", "vulnerable-exchange-server")]
    [InlineData("webshell;exchange", "vulnerable", "infected-system", "vulnerable-exchange-server")]
    public void Scan_exchange_classifies_by_the_exact_tag_exchange_webshell(string tag, string taxonomy, string type, string identifier)
    {
        Assert.Equal(taxonomy, Apply(Conversion.ScanExchangeTaxonomy, tag));
        Assert.Equal(type, Apply(Conversion.ScanExchangeType, tag));
        Assert.Equal(identifier, Apply(Conversion.ScanExchangeIdentifier, tag));
    }

    [Theory]
    [InlineData("malware", "phishing", "malware")]
    [InlineData("", "phishing", "phishing")]
    [InlineData("", "", null)]
    public void Category_or_detail_takes_the_category_else_the_detail(string category, string detail, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.CategoryOrDetail, category, ("category", category), ("detail", detail)));

    public static TheoryData<string, (string, string)[], string?> HostAndUrlCases() => new()
    {
        // Sinkhole reports: the host and the bare path.
        { "/gate.php", [("http_host", "c2.example.nl"), ("http_url", "/gate.php")], "http://c2.example.nl/gate.php" },
        // Drone reports: cc_dns and the whole request line in url.
        { "GET /x/y.php?id=1 HTTP/1.1", [("cc_dns", "c2.example.nl"), ("url", "GET /x/y.php?id=1 HTTP/1.1")], "http://c2.example.nl/x/y.php?id=1" },
        // cc_dns wins over http_host, url over http_url.
        { "/a", [("cc_dns", "cc.example.nl"), ("http_host", "host.example.nl"), ("url", "/a"), ("http_url", "/b")], "http://cc.example.nl/a" },
        // The scheme comes from application when it is http or https.
        { "/login", [("http_host", "shop.example.nl"), ("http_url", "/login"), ("application", "https")], "https://shop.example.nl/login" },
        { "/login", [("http_host", "shop.example.nl"), ("http_url", "/login"), ("application", "ssh")], "http://shop.example.nl/login" },
        // A request line without a path leaves the host alone.
        { "CONNECT", [("http_host", "proxy.example.nl"), ("http_url", "CONNECT")], "http://proxy.example.nl" },
        // Without a host (malware_url gives the whole URL) the value stays as it is.
        { "http://198.51.100.7:8080/Mozi.m", [("url", "http://198.51.100.7:8080/Mozi.m")], "http://198.51.100.7:8080/Mozi.m" },
        { "/only/a/path", [("http_host", ""), ("http_url", "/only/a/path")], "/only/a/path" },
        { "", [("http_host", "c2.example.nl"), ("http_url", "")], null },
    };

    [Theory]
    [MemberData(nameof(HostAndUrlCases))]
    public void Convert_http_host_and_url_joins_host_and_path_and_strips_a_request_line(string value, (string, string)[] row, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.ConvertHttpHostAndUrl, value, row));

    [Theory]
    [InlineData("", null)]
    [InlineData("R0VUIC8gSFRUUC8xLjE=", "R0VUIC8gSFRUUC8xLjE=")]
    [InlineData("dGVzdA==", "dGVzdA==")]
    [InlineData("abcd", "abcd")]
    [InlineData("GET / HTTP/1.1", "R0VUIC8gSFRUUC8xLjE=")]
    [InlineData("abc", "YWJj")]
    [InlineData("héllo", "aMOpbGxv")]
    // Base64 letters with spaces between are text to Python's b64decode(validate=True), though .NET skips the spaces.
    [InlineData("ab cd ef gh ", "YWIgY2QgZWYgZ2gg")]
    [InlineData("abcd efgh   ", "YWJjZCBlZmdoICAg")]
    public void Force_base64_leaves_valid_base64_alone_and_encodes_other_text(string value, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.ForceBase64, value));

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8::10", "2001:db8::10")]
    [InlineData("0.0.0.0", null)]
    [InlineData("192.0.2.0/24", null)]
    [InlineData("999.1.1.1", null)]
    [InlineData("192.0.2", null)]
    [InlineData("host.example.nl", null)]
    [InlineData("", null)]
    public void Validate_ip_keeps_single_addresses_and_refuses_0_0_0_0_and_networks(string value, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.ValidateIp, value));

    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0/24")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("192.0.2.10/24", "192.0.2.0/24")] // host bits are dropped, as IntelMQ's IPNetwork sanitises
    [InlineData("192.0.2.10", null)]
    [InlineData("192.0.2.0/33", null)]
    [InlineData("", null)]
    public void Validate_network_keeps_only_networks_in_cidr_form(string value, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.ValidateNetwork, value));

    [Theory]
    [InlineData("host.example.nl", "host.example.nl")]
    [InlineData("Host.Example.NL.", "host.example.nl")]
    [InlineData("192.0.2.10", null)]
    [InlineData("not a host", null)]
    [InlineData("-bad.example.nl", null)]
    [InlineData("", null)]
    public void Validate_fqdn_keeps_host_names_in_lower_case_and_refuses_addresses(string value, string? expected) =>
        Assert.Equal(expected, Apply(Conversion.ValidateFqdn, value));

    private static string? NoColumns(string name) => null;

    private static object? Apply(Conversion conversion, string value, params (string Column, string Value)[] row)
    {
        var columns = row.ToDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal);
        var result = Conversions.Apply(conversion, value, name => columns.GetValueOrDefault(name), out var error);
        Assert.Null(error);
        return result;
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Herald.Deliver;

namespace Herald.Settings;

/// <summary>
/// The checks an instance's options must pass before anything starts, each naming the setting at fault. The service's
/// identity goes into every warning's headers and text, so it is held to what a header and a reader can take.
/// </summary>
public static partial class SettingsValidator
{
    public static IEnumerable<(string Key, string Problem)> Problems(HeraldOptions o)
    {
        if (!string.Equals(o.Storage.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            yield return ("Storage:Provider", $"'{o.Storage.Provider}' is not a storage provider Herald has; use sqlite");

        var s = o.Service;
        if (Text(s.Name) is { } name) yield return ("Service:Name", name);
        if (!IsMailAddress(s.SenderAddress)) yield return ("Service:SenderAddress", $"'{s.SenderAddress}' is not an e-mail address such as warnings@cert.example");
        if (Text(s.SenderName) is { } sender) yield return ("Service:SenderName", sender);
        if (!PhoneNumber().IsMatch(s.PhoneNumber ?? "")) yield return ("Service:PhoneNumber", $"'{s.PhoneNumber}' is not a phone number such as +31 70 123 45 67");
        if (WebAddress(s.WebsiteUrl) is { } website) yield return ("Service:WebsiteUrl", website);
        if (WebAddress(s.VerifyUrl) is { } verify) yield return ("Service:VerifyUrl", verify);
        if (!ReferencePrefix().IsMatch(s.ReferencePrefix ?? ""))
            yield return ("Service:ReferencePrefix", $"'{s.ReferencePrefix}' is not 2 to 10 capital letters or digits starting with a letter, such as HRLD");
        if (s.MaxAssetsInText is < 1 or > 10_000) yield return ("Service:MaxAssetsInText", "must be between 1 and 10000");
        foreach (var domain in s.AllowedLinkDomains)
            if (!IsDnsName(domain)) yield return ("Service:AllowedLinkDomains", $"'{domain}' is not a domain name");

        foreach (var code in o.Decision.Constituency)
            if (code is not [>= 'A' and <= 'Z' or >= 'a' and <= 'z', >= 'A' and <= 'Z' or >= 'a' and <= 'z'])
                yield return ("Decision:Constituency", $"'{code}' is not a two-letter country code");
        if (string.IsNullOrWhiteSpace(o.Decision.NationalCsirtCode)) yield return ("Decision:NationalCsirtCode", "must not be empty");
        if (o.Decision.KevPath is { } kev && !File.Exists(kev)) yield return ("Decision:KevPath", $"{kev} does not exist");
        if (o.Decision.ReloadInterval <= TimeSpan.Zero) yield return ("Decision:ReloadInterval", "must be positive");

        var d = o.Delivery;
        if (d.MaxAttempts < 1) yield return ("Delivery:MaxAttempts", "must be at least 1");
        if (d.MaxConcurrency < 1) yield return ("Delivery:MaxConcurrency", "must be at least 1");
        if (d.MaxConcurrencyPerDomain < 1) yield return ("Delivery:MaxConcurrencyPerDomain", "must be at least 1");
        if (d.BatchSize < 1) yield return ("Delivery:BatchSize", "must be at least 1");
        if (d.MaxPerMinutePerDomain < 0) yield return ("Delivery:MaxPerMinutePerDomain", "must be 0 (no limit) or more");
        if (d.Jitter is < 0 or > 1) yield return ("Delivery:Jitter", "is a fraction between 0 and 1");
        if (d.FirstRetryDelay <= TimeSpan.Zero) yield return ("Delivery:FirstRetryDelay", "must be positive");
        if (d.MaxRetryDelay < d.FirstRetryDelay) yield return ("Delivery:MaxRetryDelay", "must be at least Delivery:FirstRetryDelay");
        if (d.Lease <= TimeSpan.Zero) yield return ("Delivery:Lease", "must be positive");
        if (d.Smtp is { } smtp)
            foreach (var problem in Server("Delivery:Smtp", smtp.Host, smtp.Port, smtp.Security, smtp.User, smtp.Password, smtp.Timeout))
                yield return problem;

        if (o.Mailbox is { } mailbox)
        {
            foreach (var problem in Server("Mailbox", mailbox.Host, mailbox.Port, mailbox.Security, mailbox.User, mailbox.Password, mailbox.Timeout))
                yield return problem;
            if (string.IsNullOrEmpty(mailbox.User)) yield return ("Mailbox:User", "is needed to read the mailbox");
            if (string.IsNullOrWhiteSpace(mailbox.Folder)) yield return ("Mailbox:Folder", "must not be empty");
            if (mailbox.MaxMessages < 1) yield return ("Mailbox:MaxMessages", "must be at least 1");
            if (mailbox.MaxBytes < 1024) yield return ("Mailbox:MaxBytes", "must be at least 1024");
        }

        var f = o.FollowUp;
        if (f.ReminderAfter <= TimeSpan.Zero) yield return ("FollowUp:ReminderAfter", "must be positive");
        if (f.EscalateAfter <= TimeSpan.Zero) yield return ("FollowUp:EscalateAfter", "must be positive");
        if (f.ResolveAfterCleanReports < 1) yield return ("FollowUp:ResolveAfterCleanReports", "must be at least 1");

        if (o.Forward.MaxDocumentBytes < 1) yield return ("Forward:MaxDocumentBytes", "must be positive");
        if (o.Forward.Http.Timeout <= TimeSpan.Zero) yield return ("Forward:Http:Timeout", "must be positive");
        if (o.Forward.Http.ConnectTimeout <= TimeSpan.Zero) yield return ("Forward:Http:ConnectTimeout", "must be positive");
        if (o.Forward.Http.MaxResponseBytes < 1) yield return ("Forward:Http:MaxResponseBytes", "must be positive");
        if (o.Forward.Http.MaxRedirects < 0) yield return ("Forward:Http:MaxRedirects", "must be 0 or more");

        if (!IsDnsLabel(o.Signing.Dkim.Selector)) yield return ("Signing:Dkim:Selector", $"'{o.Signing.Dkim.Selector}' is not a DNS label");
        if (o.Signing.Dkim.Domain is { } dkimDomain && !IsDnsName(dkimDomain)) yield return ("Signing:Dkim:Domain", $"'{dkimDomain}' is not a domain name");

        if (o.Upload.MaxBytes < 1) yield return ("Upload:MaxBytes", "must be positive");
        if (o.Upload.PermitsPerMinute < 1) yield return ("Upload:PermitsPerMinute", "must be at least 1");
        if (o.Upload.RejectionsInReceipt < 0) yield return ("Upload:RejectionsInReceipt", "must be 0 or more");

        var p = o.ParseLimits;
        if (p.MaxLineBytes < 256) yield return ("ParseLimits:MaxLineBytes", "must be at least 256");
        if (p.MaxJsonDepth < 2) yield return ("ParseLimits:MaxJsonDepth", "must be at least 2");
        if (p.MaxFields < 1) yield return ("ParseLimits:MaxFields", "must be at least 1");
        if (p.MaxDocumentBytes < p.MaxLineBytes) yield return ("ParseLimits:MaxDocumentBytes", "must be at least ParseLimits:MaxLineBytes");
    }

    private static IEnumerable<(string, string)> Server(string section, string? host, int port, TransportSecurity security, string? user,
        string? password, TimeSpan timeout)
    {
        if (string.IsNullOrWhiteSpace(host)) yield return ($"{section}:Host", $"is needed when any {section} setting is given");
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown) yield return ($"{section}:Host", $"'{host}' is not a host name or address");
        else if (security == TransportSecurity.None && !IsLoopback(host))
            yield return ($"{section}:Security", $"None (no TLS) is allowed only to a server on loopback, not to {host}: use StartTls or Ssl");
        if (port is <= 0 or > 65535) yield return ($"{section}:Port", $"{port} is not a port (1 to 65535)");
        if (!string.IsNullOrEmpty(password) && string.IsNullOrEmpty(user)) yield return ($"{section}:User", "is needed with a password");
        if (timeout <= TimeSpan.Zero) yield return ($"{section}:Timeout", "must be positive");
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Text that goes into a header or a sentence: not empty, one line, no control characters.</summary>
    private static string? Text(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "must not be empty"
        : value.Any(char.IsControl) ? "must be one line without control characters"
        : value.Length > 200 ? "is longer than 200 characters"
        : null;

    private static string? WebAddress(string? value) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo)
            ? $"'{value}' is not a web address such as https://cert.example"
            : uri.Scheme == "http" && !uri.IsLoopback ? $"'{value}' must use https (recipients check it to trust the warning)"
            : null;

    private static bool IsMailAddress(string? value) =>
        value is { Length: > 3 and <= 254 } && !value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or '"' or ',' or ';')
        && value.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at == value.LastIndexOf('@')
        && IsDnsName(value[(at + 1)..]);

    internal static bool IsDnsName(string? value) =>
        value is { Length: > 0 and <= 253 } && value.Split('.') is { Length: >= 2 } labels && labels.All(IsDnsLabel);

    private static bool IsDnsLabel(string? label) => label is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(label);

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()./-]{4,24}$")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}$")]
    private static partial Regex ReferencePrefix();
}

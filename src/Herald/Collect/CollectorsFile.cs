using System.Net;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Herald.Collect;

/// <summary>
/// Reads collectors.yaml (see docs/collectors.md): every problem is reported at once, each with its line and column.
/// </summary>
public static class CollectorsFile
{
    private static readonly Uri ShadowserverApi = new("https://transform.shadowserver.org/api2/");

    /// <summary>Parses <paramref name="text"/>; relative folder paths are taken from <paramref name="dataDirectory"/>.</summary>
    public static CollectorsConfiguration Parse(string text, string path, string dataDirectory)
    {
        var file = Path.GetFileName(path);
        var problems = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CollectorsFileException([$"{file}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}"]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new CollectorsFileException([$"{file}:1:1: expected a mapping with 'collectors:' (and optionally 'limits:')"]);

        var top = new YamlFields(root, file, problems);
        var limits = ReadLimits(top, file, problems);
        var collectors = new List<CollectorDefinition>();
        switch (top.Get("collectors"))
        {
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    if (item is YamlMappingNode mapping) Add(ReadCollector(new YamlFields(mapping, file, problems), dataDirectory), mapping);
                    else top.Problem(item, "each collector must be a mapping with name, kind, source, ...");
                }
                break;
            case null:
                top.Problem(root, "'collectors' is required");
                break;
            case var other:
                top.Problem(other, "'collectors' must be a list");
                break;
        }
        top.RefuseUnknown("collectors.yaml (expected 'collectors' and 'limits')");
        if (problems.Count > 0) throw new CollectorsFileException(problems);
        return new CollectorsConfiguration(collectors, limits);

        void Add(CollectorDefinition? collector, YamlNode at)
        {
            if (collector is null) return;
            if (collectors.Any(c => c.Name.Equals(collector.Name, StringComparison.OrdinalIgnoreCase)))
                top.Problem(at, $"a collector named '{collector.Name}' is defined twice");
            else collectors.Add(collector);
        }
    }

    private static ArchiveLimits ReadLimits(YamlFields top, string file, List<string> problems)
    {
        var limits = new ArchiveLimits();
        switch (top.Get("limits"))
        {
            case null:
                return limits;
            case YamlMappingNode mapping:
                var fields = new YamlFields(mapping, file, problems);
                limits = limits with
                {
                    MaxUncompressedBytes = fields.Size("max-uncompressed-bytes") ?? limits.MaxUncompressedBytes,
                    MaxCompressionRatio = fields.Int("max-compression-ratio", 2, 100_000) ?? limits.MaxCompressionRatio,
                    MaxEntries = fields.Int("max-entries", 1, 100_000) ?? limits.MaxEntries,
                    MaxAttachments = fields.Int("max-attachments", 1, 100_000) ?? limits.MaxAttachments,
                    MaxDownloadBytes = fields.Size("max-download-bytes") ?? limits.MaxDownloadBytes,
                };
                fields.RefuseUnknown("limits");
                return limits;
            case var other:
                top.Problem(other, "'limits' must be a mapping");
                return limits;
        }
    }

    private static CollectorDefinition? ReadCollector(YamlFields f, string dataDirectory)
    {
        var name = f.String("name", required: true);
        if (name is not null && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            f.Problem(f.Get("name")!, $"'name' may hold only letters, digits, '-' and '_', not '{name}'");
        var source = f.String("source", required: true);
        var kindText = f.String("kind", required: true);
        CollectorKind? kind = kindText switch
        {
            null => null,
            "folder" => CollectorKind.Folder,
            "imap" => CollectorKind.Imap,
            "shadowserver-api" => CollectorKind.ShadowserverApi,
            "https" => CollectorKind.Https,
            _ => null,
        };
        if (kindText is not null && kind is null)
            f.Problem(f.Get("kind")!, $"'kind' must be folder, imap, shadowserver-api or https, not '{kindText}'");
        var interval = f.Duration("interval");
        CollectorSettings? settings = kind switch
        {
            CollectorKind.Folder => new FolderSettings(
                Path.GetFullPath(f.String("path") ?? "inbox", dataDirectory), f.Duration("settle") ?? TimeSpan.FromSeconds(2)),
            CollectorKind.Imap => ReadImap(f),
            CollectorKind.ShadowserverApi => ReadShadowserverApi(f),
            CollectorKind.Https => f.Https("url", required: true) is { } url ? new HttpsSettings(url, f.String("file-name")) : null,
            _ => null,
        };
        f.RefuseUnknown(kindText is null ? "a collector" : $"a {kindText} collector");
        if (name is null || source is null || kind is null || settings is null) return null;
        var defaultInterval = kind == CollectorKind.Folder ? TimeSpan.FromSeconds(5) : TimeSpan.FromMinutes(15);
        return new CollectorDefinition(name, kind.Value, source, interval ?? defaultInterval, settings);
    }

    private static ImapSettings? ReadImap(YamlFields f)
    {
        var host = f.String("host", required: true);
        var tlsText = f.String("tls") ?? "ssl";
        ImapTls? tls = tlsText switch { "ssl" => ImapTls.Ssl, "starttls" => ImapTls.StartTls, "none" => ImapTls.None, _ => null };
        if (tls is null) f.Problem(f.Get("tls")!, $"'tls' must be ssl, starttls or none, not '{tlsText}'");
        if (tls == ImapTls.None && host is not null && !Net.HostNames.IsLoopback(host))
            f.Problem(f.Get("tls")!, $"'tls: none' sends the password in the clear and is allowed only for a loopback host, not '{host}'");
        var port = f.Int("port", 1, 65535) ?? (tls == ImapTls.Ssl ? 993 : 143);
        var username = f.String("username", required: true);
        var password = f.Secret("password");
        var folder = f.String("folder") ?? "INBOX";
        var moveTo = f.String("move-to");
        var keyword = f.String("keyword") ?? "$HeraldCollected";
        var failedKeyword = f.String("failed-keyword") ?? "$HeraldFailed";
        if (host is null || tls is null || username is null || password is null) return null;
        return new ImapSettings(host, port, tls.Value, username, password, folder, keyword, moveTo, failedKeyword);
    }

    private static ShadowserverApiSettings? ReadShadowserverApi(YamlFields f)
    {
        var url = f.Get("url") is null ? ShadowserverApi : f.Https("url", required: true);
        var apiKey = f.Secret("api-key");
        var secret = f.Secret("secret");
        var reports = f.List("reports");
        var types = f.List("types");
        var days = f.Int("days", 1, 30) ?? 2;
        if (url is null || apiKey is null || secret is null) return null;
        return new ShadowserverApiSettings(url, apiKey, secret, reports, types, days);
    }
}

using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Herald.Settings;

/// <summary>
/// An instance's settings, in .NET's configuration model: the settings file in the data directory
/// (<c>herald.json</c>), then environment variables (<c>HERALD__Section__Key</c>, and the older <c>HERALD_SMTP_HOST</c>
/// style), then the command line (<c>--set Section:Key=value</c>); secrets also from files (<c>…File</c> keys).
/// Loading binds and validates everything, so a bad value stops the program at start with the key's name.
/// </summary>
public sealed class HeraldSettings
{
    public const string FileName = "herald.json";
    public const string EnvironmentPrefix = "HERALD__";

    private const string CommandLine = "command line";

    private HeraldSettings(HeraldOptions options, IConfigurationRoot configuration, string file, string dataDirectoryOrigin)
    {
        Options = options;
        Configuration = configuration;
        File = file;
        DataDirectoryOrigin = dataDirectoryOrigin;
    }

    /// <summary>The options every part of Herald is made from.</summary>
    public HeraldOptions Options { get; }

    /// <summary>The same settings for the web host (Kestrel, logging, the upload limits), in the order they apply.</summary>
    public IConfigurationRoot Configuration { get; }

    /// <summary>The settings file read (it need not exist).</summary>
    public string File { get; }

    /// <summary>Where the data directory was given: "--data", "environment HERALD_DATA" or "default".</summary>
    public string DataDirectoryOrigin { get; }

    /// <summary>Reads, binds and validates the settings.</summary>
    /// <exception cref="UserException">A file that is not JSON, an unknown key, a bad value, a secret in the wrong place.</exception>
    public static HeraldSettings Load(SettingsRequest request)
    {
        var environment = request.Environment ?? Environment.GetEnvironmentVariables();
        var (dataDirectory, dataOrigin) = request.DataDirectory is { Length: > 0 } given ? (given, "--data")
            : Variable(environment, "HERALD_DATA") is { } fromEnvironment ? (fromEnvironment, "environment HERALD_DATA")
            : ("data", "default");
        dataDirectory = Path.GetFullPath(dataDirectory);
        // A file named on purpose must be there; the data directory's own is optional.
        var named = request.File is { Length: > 0 } f ? f : Variable(environment, "HERALD_CONFIG");
        var file = named is null ? Path.Combine(dataDirectory, FileName) : Path.GetFullPath(named);
        if (named is not null && !System.IO.File.Exists(file)) throw new UserException($"the settings file {file} does not exist");

        var builder = new ConfigurationBuilder();
        if (System.IO.File.Exists(file)) builder.AddJsonFile(file, optional: true, reloadOnChange: false);
        builder.Add(EnvironmentLayer(environment));
        builder.Add(CommandLineLayer(request.Overrides));
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new UserException($"{file} is not valid JSON: {(e.InnerException ?? e).Message}", e);
        }
        var secrets = SecretFilesLayer(root, dataDirectory);
        if (!secrets.IsEmpty)
        {
            builder.Add(secrets);
            root = builder.Build();
        }

        var values = new Dictionary<string, (string? Value, string Origin)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (IsSecretFileKey(key)) continue;
            var origin = OriginOf(root, key, file);
            // The settings file is copied, shared and kept in version control, and the command line is visible to every
            // user of the machine: secrets come from the environment or from a file of their own.
            if (value is not null && SettingsCatalog.IsSecret(key) && (origin == "file " + file || origin == CommandLine))
                throw new UserException($"{key} is a secret and is not read from {(origin == CommandLine ? "the command line" : file)}: " +
                    $"set {EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)}, or {SecretFileKey(key)} to a file that holds it");
            values[key] = (value, origin);
        }
        var options = SettingsBinder.Bind(dataDirectory, values);
        options = ResolvePaths(options);
        foreach (var (key, problem) in options.Problems())
            throw new UserException($"{key}: {problem}{(values.TryGetValue(key, out var v) ? $" ({v.Origin})" : "")}");
        return new HeraldSettings(options, root, file, dataOrigin);
    }

    /// <summary>Every setting with its effective value and where it came from; secrets masked.</summary>
    public IEnumerable<SettingEntry> Entries()
    {
        yield return new SettingEntry("DataDirectory", Options.DataDirectory, DataDirectoryOrigin);
        yield return new SettingEntry("SettingsFile", File, System.IO.File.Exists(File) ? "read" : "absent");
        var effective = EffectiveDefaults();
        var absentSections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in SettingsCatalog.All)
        {
            // An optional section that is not set (the SMTP relay, the mailbox) is one line saying what happens instead.
            if (OptionalSections.TryGetValue(setting.Key[..Math.Max(0, setting.Key.LastIndexOf(':'))], out var instead)
                && SettingsBinder.Get(Options, setting) is null && SectionIsAbsent(setting))
            {
                if (absentSections.Add(instead.Section)) yield return new SettingEntry(instead.Section, null, instead.Meaning(Options));
                continue;
            }
            var value = SettingsBinder.Get(Options, setting);
            var origin = OriginOf(Configuration, setting.Key, File);
            if (setting.IsList && origin == "default" && Configuration.GetSection(setting.Key).GetChildren().Any())
                origin = OriginOf(Configuration, setting.Key + ":0", File);
            if (value is null && effective.TryGetValue(setting.Key, out var path)) value = path;
            yield return new SettingEntry(setting.Key, setting.IsSecret ? (value is null ? null : SettingEntry.Mask) : SettingEntry.Format(value), origin);
        }
        foreach (var code in Options.Forward.Tokens.PartnerKeys)
        {
            var key = $"{SettingsCatalog.TokensSection}:{code}";
            yield return new SettingEntry(key, SettingEntry.Mask, OriginOf(Configuration, key, File));
        }
    }

    private static readonly Dictionary<string, (string Section, Func<HeraldOptions, string> Meaning)> OptionalSections = new(StringComparer.Ordinal)
    {
        ["Delivery:Smtp"] = ("Delivery:Smtp", o => "not set: warnings go to the pickup folder " + o.PickupDirectory),
        ["Mailbox"] = ("Mailbox", _ => "not set: no mailbox is read for bounces and replies"),
    };

    private bool SectionIsAbsent(Setting setting)
    {
        object? target = Options;
        foreach (var property in setting.Path.SkipLast(1))
        {
            target = target is null ? null : property.GetValue(target);
            if (target is null) return true;
        }
        return false;
    }

    /// <summary>The paths used when a path setting is not set.</summary>
    private Dictionary<string, string?> EffectiveDefaults()
    {
        var signing = Options.EffectiveSigning;
        return new(StringComparer.OrdinalIgnoreCase)
        {
            ["RoutingDirectory"] = Options.EffectiveRoutingDirectory,
            ["SchemaPath"] = Options.EffectiveSchemaPath,
            ["XarfSchemaDirectory"] = Options.EffectiveXarfSchemaDirectory,
            ["Signing:Dkim:KeyPath"] = signing.Dkim.KeyPath,
            ["Signing:Dkim:Domain"] = Options.Service.SenderDomain,
            ["Signing:OpenPgp:KeyRingDirectory"] = signing.OpenPgp.KeyRingDirectory,
        };
    }

    private static string OriginOf(IConfigurationRoot root, string key, string file)
    {
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _)) continue;
            return provider is SettingsLayer layer ? layer.OriginOf(key) : "file " + file;
        }
        return "default";
    }

    /// <summary>
    /// <c>HERALD__Section__Key</c> variables, and the single-underscore names of earlier releases (kept so that an
    /// upgrade does not silently drop a relay or a token; the new names win when both are set).
    /// </summary>
    private static SettingsLayer EnvironmentLayer(IDictionary environment)
    {
        var layer = new SettingsLayer("environment");
        var names = environment.Keys.OfType<string>().Order(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            if (environment[name] is not string { Length: > 0 } value) continue;
            if (LegacyVariables.TryGetValue(name, out var legacy))
                layer.Add(legacy.Key, legacy.Path ? Path.GetFullPath(value) : value, "environment " + name);
            else if (name == "HERALD_FORWARD_TIMEOUT")
                layer.Add("Forward:Http:Timeout", value + "s", "environment " + name);
            else if (name.StartsWith(LegacyTokenPrefix, StringComparison.Ordinal) && name.Length > LegacyTokenPrefix.Length)
                layer.Add($"{SettingsCatalog.TokensSection}:{name[LegacyTokenPrefix.Length..]}", value, "environment " + name);
        }
        foreach (var name in names)
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length
                && environment[name] is string value)
                layer.Add(name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), value, "environment " + name);
        }
        return layer;
    }

    private const string LegacyTokenPrefix = "HERALD_FORWARD_TOKEN_";

    private static readonly Dictionary<string, (string Key, bool Path)> LegacyVariables = new(StringComparer.Ordinal)
    {
        ["HERALD_ROUTING"] = ("RoutingDirectory", true),
        ["HERALD_SCHEMA"] = ("SchemaPath", true),
        ["HERALD_XARF_SCHEMAS"] = ("XarfSchemaDirectory", true),
        ["HERALD_KEV"] = ("Decision:KevPath", true),
        ["HERALD_SMTP_HOST"] = ("Delivery:Smtp:Host", false),
        ["HERALD_SMTP_PORT"] = ("Delivery:Smtp:Port", false),
        ["HERALD_SMTP_SECURITY"] = ("Delivery:Smtp:Security", false),
        ["HERALD_SMTP_USER"] = ("Delivery:Smtp:User", false),
        ["HERALD_SMTP_PASSWORD"] = ("Delivery:Smtp:Password", false),
        ["HERALD_IMAP_HOST"] = ("Mailbox:Host", false),
        ["HERALD_IMAP_PORT"] = ("Mailbox:Port", false),
        ["HERALD_IMAP_SECURITY"] = ("Mailbox:Security", false),
        ["HERALD_IMAP_USER"] = ("Mailbox:User", false),
        ["HERALD_IMAP_PASSWORD"] = ("Mailbox:Password", false),
        ["HERALD_IMAP_FOLDER"] = ("Mailbox:Folder", false),
        ["HERALD_FORWARD_MAX_BYTES"] = ("Forward:MaxDocumentBytes", false),
        ["HERALD_DKIM_KEY"] = ("Signing:Dkim:KeyPath", true),
        ["HERALD_DKIM_SELECTOR"] = ("Signing:Dkim:Selector", false),
        ["HERALD_DKIM_DOMAIN"] = ("Signing:Dkim:Domain", false),
        ["HERALD_OPENPGP_PASSPHRASE"] = ("Signing:OpenPgp:Passphrase", false),
    };

    /// <summary><c>Section:Key=value</c> items of <c>--set</c>.</summary>
    private static SettingsLayer CommandLineLayer(IReadOnlyList<string> overrides)
    {
        var layer = new SettingsLayer(CommandLine);
        foreach (var item in overrides)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new UserException($"--set {item}: expected Section:Key=value");
            layer.Add(item[..equals].Trim(), item[(equals + 1)..], CommandLine);
        }
        return layer;
    }

    /// <summary><c>Delivery:Smtp:PasswordFile</c> holds the path of a file whose content is the secret; <c>Forward:TokenFiles:&lt;code&gt;</c> likewise.</summary>
    private static string SecretFileKey(string key) =>
        key.StartsWith(SettingsCatalog.TokensSection + ":", StringComparison.OrdinalIgnoreCase)
            ? "Forward:TokenFiles:" + key[(SettingsCatalog.TokensSection.Length + 1)..]
            : key + "File";

    private static bool IsSecretFileKey(string key) =>
        key.StartsWith("Forward:TokenFiles:", StringComparison.OrdinalIgnoreCase)
        || (key.EndsWith("File", StringComparison.Ordinal) && SettingsCatalog.IsSecret(key[..^4]));

    private static SettingsLayer SecretFilesLayer(IConfigurationRoot root, string dataDirectory)
    {
        var layer = new SettingsLayer("secret file");
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (value is not { Length: > 0 } || !IsSecretFileKey(key)) continue;
            var secret = key.StartsWith("Forward:TokenFiles:", StringComparison.OrdinalIgnoreCase)
                ? $"{SettingsCatalog.TokensSection}:{key["Forward:TokenFiles:".Length..]}"
                : key[..^4];
            var path = Path.GetFullPath(value, dataDirectory);
            string content;
            try
            {
                content = System.IO.File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserException($"{key}: cannot read {path}: {e.Message}", e);
            }
            layer.Add(secret, content.TrimEnd('\r', '\n'), "file " + path);
        }
        return layer;
    }

    /// <summary>Relative paths in the settings are relative to the data directory, where the settings file lives.</summary>
    private static HeraldOptions ResolvePaths(HeraldOptions o)
    {
        string? Full(string? path) => path is { Length: > 0 } ? Path.GetFullPath(path, o.DataDirectory) : null;
        return o with
        {
            RoutingDirectory = Full(o.RoutingDirectory),
            SchemaPath = Full(o.SchemaPath),
            XarfSchemaDirectory = Full(o.XarfSchemaDirectory),
            Decision = o.Decision with { KevPath = Full(o.Decision.KevPath) },
            Signing = o.Signing with
            {
                Dkim = o.Signing.Dkim with { KeyPath = Full(o.Signing.Dkim.KeyPath) },
                OpenPgp = o.Signing.OpenPgp with { KeyRingDirectory = Full(o.Signing.OpenPgp.KeyRingDirectory) },
            },
        };
    }

    private static string? Variable(IDictionary environment, string name) => environment[name] is string { Length: > 0 } value ? value : null;
}

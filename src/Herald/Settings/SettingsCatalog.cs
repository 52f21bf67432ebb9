using System.Reflection;

namespace Herald.Settings;

/// <summary>
/// Every setting there is, read off <see cref="HeraldOptions"/> and the records it holds: a property that can be set
/// is a setting, under its path (<c>Service:SenderAddress</c>). One walk serves binding, unknown-key detection and
/// <c>herald config show</c>, so a new option is configurable, checked and shown without another list to keep.
/// </summary>
public static class SettingsCatalog
{
    /// <summary>Secrets: never accepted from the settings file or the command line, never shown or logged.</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Delivery:Smtp:Password", "Mailbox:Password", "Signing:OpenPgp:Passphrase",
    };

    /// <summary>
    /// Properties that are not for operators: the data directory (it locates the settings file), the connection string
    /// (with the PostgreSQL provider, a secret of its own kind), the SSRF guards of
    /// partner forwarding (public addresses over https only), and the bearer tokens (read per partner below).
    /// </summary>
    private static readonly HashSet<string> NotSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "DataDirectory", "Storage:ConnectionString", "Forward:Http:AllowedNetworks", "Forward:Http:AllowHttp", "Forward:Http:ExtraTrustRoot", "Forward:Tokens",
    };

    /// <summary>Bearer tokens per partner code: <c>Forward:Tokens:&lt;code&gt;</c> (secrets).</summary>
    public const string TokensSection = "Forward:Tokens";

    /// <summary>Sections that belong to the web host (Kestrel's endpoints and certificates, logging), passed on unchecked.</summary>
    public static IReadOnlySet<string> HostSections { get; } = new HashSet<string>(["Kestrel", "Logging", "AllowedHosts", "Urls"], StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<Setting> All { get; } = [.. Walk(typeof(HeraldOptions), "", [])];

    private static readonly Dictionary<string, Setting> ByKey = All.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);

    public static Setting? Find(string key) => ByKey.GetValueOrDefault(key);

    public static bool IsSecret(string key) =>
        SecretKeys.Contains(key) || key.StartsWith(TokensSection + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>The known key closest to a misspelt one, if any is close.</summary>
    public static string? Suggest(string key)
    {
        var best = (Key: (string?)null, Distance: int.MaxValue);
        foreach (var setting in All)
        {
            var distance = Distance(key.ToUpperInvariant(), setting.Key.ToUpperInvariant());
            if (distance < best.Distance) best = (setting.Key, distance);
        }
        return best.Distance <= Math.Max(2, key.Length / 5) ? best.Key : null;
    }

    private static IEnumerable<Setting> Walk(Type type, string prefix, List<PropertyInfo> path)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetMethod is not { IsPublic: true }) continue;
            var key = prefix + property.Name;
            if (NotSettings.Contains(key)) continue;
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            List<PropertyInfo> here = [.. path, property];
            if (IsValue(valueType))
                yield return new Setting(key, here, valueType, false, SecretKeys.Contains(key));
            else if (ItemType(valueType) is { } item && IsValue(item))
                yield return new Setting(key, here, item, true, false);
            else if (IsOptionsRecord(valueType))
                foreach (var nested in Walk(valueType, key + ":", here)) yield return nested;
        }
    }

    private static bool IsValue(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(double)
        || type == typeof(TimeSpan) || type.IsEnum;

    private static Type? ItemType(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || type.GetGenericTypeDefinition() == typeof(IReadOnlySet<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>Herald's own option records (a record has a compiler-made clone method).</summary>
    private static bool IsOptionsRecord(Type type) =>
        type.IsClass && type.Namespace?.StartsWith("Herald", StringComparison.Ordinal) == true && type.GetMethod("<Clone>$") is not null;

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

using Microsoft.Extensions.Configuration;

namespace Herald.Settings;

/// <summary>
/// One layer of settings that remembers where each value came from (an environment variable, a secret file, the
/// command line), so that <c>herald config show</c> and error messages can say so.
/// </summary>
internal sealed class SettingsLayer : ConfigurationProvider, IConfigurationSource
{
    private readonly Dictionary<string, string> _origins = new(StringComparer.OrdinalIgnoreCase);

    public SettingsLayer(string name) => Name = name;

    /// <summary>What the layer is, e.g. "environment" or "command line".</summary>
    public string Name { get; }

    public bool IsEmpty => Data.Count == 0;

    public void Add(string key, string? value, string origin)
    {
        Data[key] = value;
        _origins[key] = origin;
    }

    /// <summary>Where the value of <paramref name="key"/> came from, e.g. "environment HERALD__Delivery__Smtp__Port".</summary>
    public string OriginOf(string key) => _origins.GetValueOrDefault(key) ?? Name;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}

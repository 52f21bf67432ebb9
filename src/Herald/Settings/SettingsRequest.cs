using System.Collections;

namespace Herald.Settings;

/// <summary>Where an instance's settings come from: its data directory, a settings file, the environment, the command line.</summary>
public sealed record SettingsRequest
{
    /// <summary>The data directory given on the command line (<c>--data</c>); otherwise <c>HERALD_DATA</c>, then <c>./data</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A settings file given on the command line (<c>--config</c>); otherwise <c>HERALD_CONFIG</c>, then <c>&lt;data&gt;/herald.json</c>.</summary>
    public string? File { get; init; }

    /// <summary><c>Section:Key=value</c> overrides from the command line (<c>--set</c>), applied last.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The environment variables to read; the process's when null (tests pass their own).</summary>
    public IDictionary? Environment { get; init; }
}

namespace Herald.Signing;

/// <summary>Where the signing keys are; each kind of signature is on when its key exists.</summary>
public sealed record SigningOptions
{
    public DkimOptions Dkim { get; init; } = new();
    public OpenPgpOptions OpenPgp { get; init; } = new();

    /// <summary>The defaults for a data directory (<c>keys/dkim.pem</c>, <c>openpgp/</c>) with the environment's overrides.</summary>
    public static SigningOptions ForDataDirectory(string dataDirectory) => new()
    {
        Dkim = new DkimOptions
        {
            KeyPath = Environment.GetEnvironmentVariable("HERALD_DKIM_KEY") is { Length: > 0 } k ? Path.GetFullPath(k) : Path.Combine(dataDirectory, "keys", "dkim.pem"),
            Selector = Environment.GetEnvironmentVariable("HERALD_DKIM_SELECTOR") is { Length: > 0 } s ? s : "herald",
            Domain = Environment.GetEnvironmentVariable("HERALD_DKIM_DOMAIN") is { Length: > 0 } d ? d : null,
        },
        OpenPgp = new OpenPgpOptions
        {
            KeyRingDirectory = Path.Combine(dataDirectory, "openpgp"),
            Passphrase = Environment.GetEnvironmentVariable("HERALD_OPENPGP_PASSPHRASE"),
        },
    };
}

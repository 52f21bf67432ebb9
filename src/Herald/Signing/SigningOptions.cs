namespace Herald.Signing;

/// <summary>Where the signing keys are; each kind of signature is on when its key exists.</summary>
public sealed record SigningOptions
{
    public DkimOptions Dkim { get; init; } = new();
    public OpenPgpOptions OpenPgp { get; init; } = new();

    /// <summary>These options with the data directory's defaults (<c>keys/dkim.pem</c>, <c>openpgp/</c>) where no path is set.</summary>
    public SigningOptions ForDataDirectory(string dataDirectory) => this with
    {
        Dkim = Dkim with { KeyPath = Dkim.KeyPath ?? Path.Combine(dataDirectory, "keys", "dkim.pem") },
        OpenPgp = OpenPgp with { KeyRingDirectory = OpenPgp.KeyRingDirectory ?? Path.Combine(dataDirectory, "openpgp") },
    };
}

namespace Herald.Collect;

/// <summary>
/// Where a secret (a password, an API key) is read from: an environment variable or a file. The secret itself
/// is never written in collectors.yaml, and never into a log or an error.
/// </summary>
public sealed record SecretReference(string? Environment, string? File)
{
    /// <summary>Reads the secret now; throws with where it was looked for (never what it is) when it is missing.</summary>
    public string Resolve()
    {
        if (Environment is not null)
            return System.Environment.GetEnvironmentVariable(Environment) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"the environment variable {Environment} is not set");
        try
        {
            return System.IO.File.ReadAllText(File!).TrimEnd('\r', '\n') is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"the secret file {File} is empty");
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"the secret file {File} cannot be read: {ex.GetType().Name}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException($"the secret file {File} cannot be read: access denied", ex);
        }
    }

    public override string ToString() => Environment is not null ? $"env:{Environment}" : $"file:{File}";
}

namespace Herald.SecurityTxt;

/// <summary>Finds and validates the security.txt of a domain.</summary>
public interface ISecurityTxtLookup
{
    /// <summary>
    /// Looks up <paramref name="target"/> (a domain, or a URL whose host and port are used);
    /// <paramref name="registryKey"/> is an OpenPGP public key known from the registry, tried before the Encryption field's.
    /// </summary>
    Task<SecurityTxtResult> LookupAsync(string target, string? registryKey = null, CancellationToken cancellationToken = default);
}

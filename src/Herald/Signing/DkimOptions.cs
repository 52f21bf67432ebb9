namespace Herald.Signing;

/// <summary>DKIM signing with the service's key: on when the key file exists (<c>herald keys dkim-generate</c> makes one).</summary>
public sealed record DkimOptions
{
    /// <summary>PEM private key (RSA or Ed25519); default <c>&lt;data&gt;/keys/dkim.pem</c>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>The selector: the key's TXT record is at <c>&lt;selector&gt;._domainkey.&lt;domain&gt;</c>.</summary>
    public string Selector { get; init; } = "herald";

    /// <summary>The signing domain (d=); default the sender address's domain.</summary>
    public string? Domain { get; init; }

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (!Net.HostNames.IsDnsName(Selector)) yield return ("Signing:Dkim:Selector", $"'{Selector}' is not a DNS label");
        if (Domain is not null && !Net.HostNames.IsDomain(Domain)) yield return ("Signing:Dkim:Domain", $"'{Domain}' is not a domain name");
    }
}

namespace Herald.Contacts;

/// <summary>
/// What an RDAP registry said about an address or AS: the abuse contacts that passed the checks, the object's
/// handle and name, and every problem found (malformed document, placeholder addresses, errors), so nothing is dropped silently.
/// </summary>
public sealed record RdapAnswer(
    string Query,
    Uri? Url,
    string? Handle,
    string? Name,
    IReadOnlyList<DiscoveredContact> AbuseContacts,
    IReadOnlyList<string> Problems)
{
    public static RdapAnswer Failed(string query, Uri? url, string problem) => new(query, url, null, null, [], [problem]);
}

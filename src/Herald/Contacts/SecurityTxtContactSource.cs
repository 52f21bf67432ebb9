using Herald.SecurityTxt;

namespace Herald.Contacts;

/// <summary>
/// The fallback chain's view of security.txt: the e-mail and phone contacts of a domain's file, found and
/// validated by <see cref="ISecurityTxtLookup"/> (safe fetching, sectxt's checks). A file with errors (expired,
/// no contact, served insecurely, ...) gives no contacts: the chain falls back to the registry.
/// </summary>
public sealed class SecurityTxtContactSource(ISecurityTxtLookup lookup) : ISecurityTxtContacts
{
    public async Task<IReadOnlyList<DiscoveredContact>> FindAsync(string domain, CancellationToken cancellationToken)
    {
        var result = await lookup.LookupAsync(domain, null, cancellationToken);
        if (!result.Found || !result.IsValid) return [];
        var origin = (result.FinalUrl ?? result.Url)?.ToString() ?? domain;
        var contacts = new List<DiscoveredContact>();
        foreach (var contact in result.Fields.Contact)
        {
            if (contact.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                contacts.Add(new DiscoveredContact(Uri.UnescapeDataString(contact[7..].Split('?')[0]), ContactKind.Email, ContactSource.SecurityTxt, origin, result.CheckedAt));
            else if (contact.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
                contacts.Add(new DiscoveredContact(contact[4..], ContactKind.Phone, ContactSource.SecurityTxt, origin, result.CheckedAt));
            // https contact forms cannot receive a warning by e-mail; they stay visible in `herald securitytxt`.
        }
        return contacts;
    }
}

namespace Herald.Contacts;

/// <summary>The contacts a domain publishes in its security.txt file (the fetcher and validator live in Herald.SecurityTxt).</summary>
public interface ISecurityTxtContacts
{
    /// <summary>The e-mail and phone contacts of <paramref name="domain"/>'s security.txt; empty when it has none or it is invalid.</summary>
    Task<IReadOnlyList<DiscoveredContact>> FindAsync(string domain, CancellationToken cancellationToken);
}

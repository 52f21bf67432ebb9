using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Contacts;

/// <summary>
/// Looks contacts up on the network and keeps them in the <see cref="ContactBook"/>, so that deciding needs no network:
/// the security.txt contacts of every registered domain and the RDAP abuse contacts of AS numbers. Either source may be absent.
/// </summary>
public sealed class ContactDiscovery(ISecurityTxtContacts? securityTxt, RdapClient? rdap, TimeProvider time)
{
    /// <summary>Discovers for every domain in the registry and for <paramref name="asns"/> (with an address in each, for the network lookup); returns the problems.</summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(HeraldDb db, IReadOnlyDictionary<long, System.Net.IPAddress?> asns, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var book = new ContactBook(db);
        if (securityTxt is not null)
        {
            var domains = await db.OrganisationAssets.AsNoTracking().Where(a => a.Kind == AssetKind.Domain).Select(a => a.Value).Distinct().ToListAsync(cancellationToken);
            foreach (var domain in domains)
            {
                var found = await securityTxt.FindAsync(domain, cancellationToken);
                var usable = Usable(found, ContactSource.SecurityTxt, problems, domain);
                await book.RecordAsync(DiscoveredContactRecord.ForDomain(domain), ContactSource.SecurityTxt, usable, time.GetUtcNow(), cancellationToken);
            }
        }
        if (rdap is not null)
        {
            foreach (var (asn, address) in asns)
            {
                var answer = await rdap.FindAbuseAsync(address, asn, cancellationToken);
                problems.AddRange(answer.Problems.Select(p => $"AS{asn}: {p}"));
                // A failed lookup keeps what was found before; only an answer replaces it.
                if (answer.Handle is not null || answer.AbuseContacts.Count > 0)
                    await book.RecordAsync(DiscoveredContactRecord.ForAsn(asn), ContactSource.Rdap, answer.AbuseContacts, time.GetUtcNow(), cancellationToken);
            }
        }
        return problems;
    }

    private static List<DiscoveredContact> Usable(IReadOnlyList<DiscoveredContact> found, ContactSource source, List<string> problems, string subject)
    {
        var usable = new List<DiscoveredContact>();
        foreach (var c in found)
        {
            string? problem;
            var address = c.Kind == ContactKind.Email ? ContactAddress.CheckEmail(c.Address, out problem) : ContactAddress.CheckPhone(c.Address, out problem);
            if (address is null) problems.Add($"{subject}: {problem}");
            else usable.Add(c with { Address = address, Source = source });
        }
        return usable;
    }
}

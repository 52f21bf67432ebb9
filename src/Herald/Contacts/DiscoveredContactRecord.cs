using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>A contact found by discovery (security.txt of a domain, RDAP for an AS), kept so that deciding needs no network.</summary>
public sealed class DiscoveredContactRecord
{
    public long Id { get; set; }

    /// <summary>What it is the contact of: <c>domain:example.nl</c> or <c>as:64500</c>.</summary>
    public required string Subject { get; set; }

    public required string Address { get; set; }
    public ContactKind Kind { get; set; }
    public ContactSource Source { get; set; }
    public required string Origin { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }

    public static string ForDomain(string domain) => "domain:" + domain.Trim().TrimEnd('.').ToLowerInvariant();

    public static string ForAsn(long asn) => "as:" + asn.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public DiscoveredContact ToContact() => new(Address, Kind, Source, Origin, VerifiedAt);
}

internal sealed class DiscoveredContactRecordConfiguration : IEntityTypeConfiguration<DiscoveredContactRecord>
{
    public void Configure(EntityTypeBuilder<DiscoveredContactRecord> builder)
    {
        builder.ToTable("DiscoveredContacts");
        builder.HasIndex(c => new { c.Subject, c.Source, c.Address }).IsUnique();
        builder.Property(c => c.Kind).HasConversion<string>();
        builder.Property(c => c.Source).HasConversion<string>();
    }
}

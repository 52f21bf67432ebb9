using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>An aut-num object of the RIPE database with its abuse mailbox.</summary>
public sealed class RipeAutNum
{
    public long Asn { get; set; }
    public string? AsName { get; set; }
    public string? AbuseC { get; set; }
    public string? Org { get; set; }
    public string? AbuseMailbox { get; set; }
    public required string Origin { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class RipeAutNumConfiguration : IEntityTypeConfiguration<RipeAutNum>
{
    public void Configure(EntityTypeBuilder<RipeAutNum> builder)
    {
        builder.ToTable("RipeAutNums");
        builder.HasKey(a => a.Asn);
        builder.Property(a => a.Asn).ValueGeneratedNever();
    }
}

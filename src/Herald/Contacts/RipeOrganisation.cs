using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>An organisation object of the RIPE database with its abuse-c role handle.</summary>
public sealed class RipeOrganisation
{
    public required string Handle { get; set; }
    public string? Name { get; set; }
    public string? AbuseC { get; set; }
}

internal sealed class RipeOrganisationConfiguration : IEntityTypeConfiguration<RipeOrganisation>
{
    public void Configure(EntityTypeBuilder<RipeOrganisation> builder)
    {
        builder.ToTable("RipeOrganisations");
        builder.HasKey(o => o.Handle);
    }
}

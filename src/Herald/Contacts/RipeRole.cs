using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>A role object of the RIPE database (nic-hdl) with its abuse-mailbox.</summary>
public sealed class RipeRole
{
    public required string Handle { get; set; }
    public string? AbuseMailbox { get; set; }
}

internal sealed class RipeRoleConfiguration : IEntityTypeConfiguration<RipeRole>
{
    public void Configure(EntityTypeBuilder<RipeRole> builder)
    {
        builder.ToTable("RipeRoles");
        builder.HasKey(r => r.Handle);
    }
}

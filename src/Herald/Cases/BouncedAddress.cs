using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Cases;

/// <summary>An address that bounced permanently: no warning goes there again.</summary>
public sealed class BouncedAddress
{
    /// <summary>Lower case.</summary>
    public required string Email { get; set; }

    public DateTimeOffset At { get; set; }
    public required string Reason { get; set; }

    /// <summary>The warning whose bounce showed it.</summary>
    public required string Reference { get; set; }
}

internal sealed class BouncedAddressConfiguration : IEntityTypeConfiguration<BouncedAddress>
{
    public void Configure(EntityTypeBuilder<BouncedAddress> builder)
    {
        builder.ToTable("BouncedAddresses");
        builder.HasKey(b => b.Email);
    }
}

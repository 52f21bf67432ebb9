using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Decide;

/// <summary>The partner columns routing adds: channel and format as names.</summary>
internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.Property(p => p.Channel).HasConversion<string>();
        builder.Property(p => p.Format).HasConversion<string>();
    }
}

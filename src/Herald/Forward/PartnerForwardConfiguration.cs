using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Forward;

internal sealed class PartnerForwardConfiguration : IEntityTypeConfiguration<PartnerForward>
{
    public void Configure(EntityTypeBuilder<PartnerForward> builder)
    {
        builder.ToTable("PartnerForwards");
        builder.HasIndex(f => f.NotificationId).IsUnique();
        builder.HasIndex(f => f.CaseKey).IsUnique();
        builder.Property(f => f.Channel).HasConversion<string>();
        builder.Property(f => f.Format).HasConversion<string>();
    }
}

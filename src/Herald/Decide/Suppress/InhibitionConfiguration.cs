using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Decide.Suppress;

/// <summary>Inhibitions are read by expiry when a report is decided.</summary>
internal sealed class InhibitionConfiguration : IEntityTypeConfiguration<Inhibition>
{
    public void Configure(EntityTypeBuilder<Inhibition> builder) => builder.HasIndex(i => i.ExpiresAt);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Collect;

internal sealed class CollectedItemConfiguration : IEntityTypeConfiguration<CollectedItem>
{
    public void Configure(EntityTypeBuilder<CollectedItem> builder) => builder.HasIndex(i => new { i.Collector, i.ExternalId }).IsUnique();
}

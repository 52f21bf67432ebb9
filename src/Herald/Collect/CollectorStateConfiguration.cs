using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Collect;

internal sealed class CollectorStateConfiguration : IEntityTypeConfiguration<CollectorState>
{
    public void Configure(EntityTypeBuilder<CollectorState> builder) => builder.HasKey(s => s.Name);
}

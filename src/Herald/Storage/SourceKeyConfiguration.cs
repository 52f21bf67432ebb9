using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Storage;

/// <summary>API keys: unique public id, owned by a source.</summary>
internal sealed class SourceKeyConfiguration : IEntityTypeConfiguration<SourceKey>
{
    public void Configure(EntityTypeBuilder<SourceKey> builder)
    {
        builder.HasIndex(k => k.KeyId).IsUnique();
        builder.HasOne<Source>().WithMany().HasForeignKey(k => k.SourceId);
    }
}

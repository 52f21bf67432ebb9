using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Decide.Review;

/// <summary>The queue is read by state; states and routes are stored by name.</summary>
internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> builder)
    {
        builder.HasIndex(i => i.State);
        builder.Property(i => i.State).HasConversion<string>();
    }
}

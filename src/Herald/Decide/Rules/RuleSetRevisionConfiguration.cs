using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Decide.Rules;

/// <summary>One revision per distinct content.</summary>
internal sealed class RuleSetRevisionConfiguration : IEntityTypeConfiguration<RuleSetRevision>
{
    public void Configure(EntityTypeBuilder<RuleSetRevision> builder) => builder.HasIndex(r => r.Hash).IsUnique();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Decide.Suppress;

/// <summary>One sighting per organisation, asset and issue; looked up by when it was last warned.</summary>
internal sealed class SightingConfiguration : IEntityTypeConfiguration<Sighting>
{
    public void Configure(EntityTypeBuilder<Sighting> builder)
    {
        builder.HasIndex(s => new { s.OrganisationKey, s.Asset, s.Issue }).IsUnique();
        builder.HasIndex(s => s.LastWarnedAt);
    }
}

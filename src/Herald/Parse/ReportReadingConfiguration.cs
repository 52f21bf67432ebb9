using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Parse;

/// <summary>The table of <see cref="ReportReading"/>: one row per report.</summary>
internal sealed class ReportReadingConfiguration : IEntityTypeConfiguration<ReportReading>
{
    public void Configure(EntityTypeBuilder<ReportReading> builder)
    {
        builder.HasKey(r => r.ReportId);
        builder.Property(r => r.ReportId).ValueGeneratedNever();
    }
}

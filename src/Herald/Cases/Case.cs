using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Cases;

/// <summary>One recipient, one asset and one issue over time: opened by a warning, reminded, escalated, resolved.</summary>
public sealed class Case
{
    public long Id { get; set; }

    /// <summary>The organisation, else the recipient's address, the asset and the issue: one open case per key.</summary>
    public required string Key { get; set; }

    public long? OrganisationId { get; set; }
    public required string RecipientEmail { get; set; }

    /// <summary>The affected address (or host name when the report has no address).</summary>
    public required string Asset { get; set; }

    /// <summary>The classification identifier, e.g. <c>open-rdp</c>.</summary>
    public required string Issue { get; set; }

    /// <summary>The report type that showed it; only later reports of this type can resolve the case.</summary>
    public string? ReportType { get; set; }

    public long? Asn { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>How many reports showed the asset affected, the first one included.</summary>
    public int SeenCount { get; set; }

    /// <summary>Later reports of the same type in a row without the asset.</summary>
    public int CleanReports { get; set; }

    /// <summary>The last report counted, so that no report counts twice.</summary>
    public long LastReportId { get; set; }

    public long NotificationId { get; set; }
    public required string Reference { get; set; }
    public long? ReminderNotificationId { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public long? EscalationNotificationId { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.Property(c => c.Status).HasConversion<string>();
        builder.HasIndex(c => c.Key).IsUnique().HasFilter("\"Status\" <> 'Resolved'");
        builder.HasIndex(c => new { c.Status, c.ReportType });
        builder.HasIndex(c => c.NotificationId);
        builder.HasIndex(c => new { c.Asset, c.Issue });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Cases;

/// <summary>A message read from the bounce and reply mailbox, kept for analysts and matched to its warning when possible.</summary>
public sealed class InboundMail
{
    public long Id { get; set; }

    /// <summary>The message's own Message-ID (or a hash of it when it has none): a message is handled once.</summary>
    public required string MessageId { get; set; }

    public InboundKind Kind { get; set; }

    /// <summary>The warning it belongs to; null when nothing in it led to one.</summary>
    public long? NotificationId { get; set; }

    public required string From { get; set; }
    public required string Subject { get; set; }

    /// <summary>The plain text, cut at a limit.</summary>
    public required string Text { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>What Herald did with it (the bounced address and status, the contact moved to, ...).</summary>
    public required string Detail { get; set; }
}

internal sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    public void Configure(EntityTypeBuilder<InboundMail> builder)
    {
        builder.ToTable("InboundMail");
        builder.Property(m => m.Kind).HasConversion<string>();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.NotificationId);
    }
}

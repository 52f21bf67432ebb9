using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>A phone call an analyst makes instead of sending an e-mail: whom to call, a short script in Dutch and English, and the outcome.</summary>
public sealed class CallTask
{
    public long Id { get; set; }
    public required string Phone { get; set; }
    public string? RecipientName { get; set; }
    public long? OrganisationId { get; set; }
    public required string Template { get; set; }
    public int AssetCount { get; set; }
    public required string ScriptNl { get; set; }
    public required string ScriptEn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while the call is still to be made; a call that did not reach anyone may be recorded again later.</summary>
    public CallOutcome? Outcome { get; set; }

    public string? Note { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public int Attempts { get; set; }

    /// <summary>Open until someone was reached or the number proved wrong.</summary>
    public bool IsOpen => Outcome is null or CallOutcome.NoAnswer or CallOutcome.Voicemail or CallOutcome.CallBackLater;
}

internal sealed class CallTaskConfiguration : IEntityTypeConfiguration<CallTask>
{
    public void Configure(EntityTypeBuilder<CallTask> builder)
    {
        builder.ToTable("CallTasks");
        builder.Property(c => c.Outcome).HasConversion<string>();
        builder.Ignore(c => c.IsOpen);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>A contact address that bounced hard: the fallback chain skips it from then on.</summary>
public sealed class ContactBounce
{
    /// <summary>The e-mail address or phone number, normalised (lower case e-mail, digits and + for phones).</summary>
    public required string Address { get; set; }

    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class ContactBounceConfiguration : IEntityTypeConfiguration<ContactBounce>
{
    public void Configure(EntityTypeBuilder<ContactBounce> builder)
    {
        builder.ToTable("ContactBounces");
        builder.HasKey(b => b.Address);
    }
}

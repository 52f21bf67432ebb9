using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Contacts;

/// <summary>An inetnum or inet6num of the RIPE database with its abuse mailbox (resolved through abuse-c or the organisation's abuse-c).</summary>
public sealed class RipeNetwork
{
    public long Id { get; set; }

    /// <summary>First address as 32 hex digits (IPv4 as ::ffff:a.b.c.d), so ranges order and compare as text.</summary>
    public required string Start { get; set; }

    public required string End { get; set; }

    /// <summary>End minus start, 32 hex digits: the smallest containing range is the most specific.</summary>
    public required string Size { get; set; }

    /// <summary>The range as the database writes it (193.0.0.0 - 193.0.7.255, 2001:db8::/32).</summary>
    public required string Range { get; set; }

    public string? NetName { get; set; }
    public string? AbuseC { get; set; }
    public string? Org { get; set; }
    public string? AbuseMailbox { get; set; }

    /// <summary>File and line of the object.</summary>
    public required string Origin { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class RipeNetworkConfiguration : IEntityTypeConfiguration<RipeNetwork>
{
    public void Configure(EntityTypeBuilder<RipeNetwork> builder)
    {
        builder.ToTable("RipeNetworks");
        builder.HasIndex(n => new { n.Start, n.End }).IsUnique();
    }
}

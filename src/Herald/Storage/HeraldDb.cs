using Herald.Collect;
using Herald.Decide;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Storage;

/// <summary>Herald's database: SQLite by default; the provider is chosen by <see cref="StorageOptions"/>.</summary>
public sealed class HeraldDb(DbContextOptions<HeraldDb> options) : DbContext(options)
{
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<SourceKey> SourceKeys => Set<SourceKey>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<StoredRejection> Rejections => Set<StoredRejection>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationAsset> OrganisationAssets => Set<OrganisationAsset>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<NetworkOwner> NetworkOwners => Set<NetworkOwner>();
    public DbSet<StoredDirective> Directives => Set<StoredDirective>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<CollectorState> CollectorStates => Set<CollectorState>();
    public DbSet<CollectedItem> CollectedItems => Set<CollectedItem>();
    public DbSet<Parse.ReportReading> ReportReadings => Set<Parse.ReportReading>();
    public DbSet<Contacts.RipeNetwork> RipeNetworks => Set<Contacts.RipeNetwork>();
    public DbSet<Contacts.RipeAutNum> RipeAutNums => Set<Contacts.RipeAutNum>();
    public DbSet<Contacts.CallTask> CallTasks => Set<Contacts.CallTask>();
    public DbSet<Decide.Rules.RuleSetRevision> RuleSetRevisions => Set<Decide.Rules.RuleSetRevision>();
    public DbSet<Decide.Suppress.Sighting> Sightings => Set<Decide.Suppress.Sighting>();
    public DbSet<Decide.Suppress.Inhibition> Inhibitions => Set<Decide.Suppress.Inhibition>();
    public DbSet<Decide.Review.ReviewItem> ReviewItems => Set<Decide.Review.ReviewItem>();
    public DbSet<Cases.Case> Cases => Set<Cases.Case>();
    public DbSet<Cases.InboundMail> InboundMail => Set<Cases.InboundMail>();
    public DbSet<Forward.PartnerForward> PartnerForwards => Set<Forward.PartnerForward>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as numbers so that SQLite can order and compare them.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Route>().HaveConversion<string>();
        configurationBuilder.Properties<ReportStatus>().HaveConversion<string>();
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>();
        configurationBuilder.Properties<AssetKind>().HaveConversion<string>();
        configurationBuilder.Properties<PartnerKind>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Source>().HasIndex(s => s.Name).IsUnique();
        modelBuilder.Entity<Report>().HasIndex(r => r.ContentHash).IsUnique();
        modelBuilder.Entity<StoredEvent>().HasIndex(e => new { e.ReportId, e.Line }).IsUnique();
        modelBuilder.Entity<StoredRejection>().HasIndex(r => new { r.ReportId, r.Line }).IsUnique();
        modelBuilder.Entity<Organisation>().HasIndex(o => o.KvkNumber).IsUnique();
        modelBuilder.Entity<Organisation>().HasMany(o => o.Assets).WithOne().HasForeignKey(a => a.OrganisationId);
        modelBuilder.Entity<Organisation>().HasMany(o => o.Contacts).WithOne().HasForeignKey(c => c.OrganisationId);
        modelBuilder.Entity<Partner>().HasIndex(p => p.Code).IsUnique();
        modelBuilder.Entity<NetworkOwner>().HasKey(n => n.Asn);
        modelBuilder.Entity<NetworkOwner>().Property(n => n.Asn).ValueGeneratedNever();
        modelBuilder.Entity<StoredDirective>().HasIndex(d => d.EventId).IsUnique();
        modelBuilder.Entity<StoredDirective>().HasIndex(d => new { d.NotificationId, d.Route, d.RecipientEmail });
        // Phone-only recipients are few among millions of directives: call tasks find theirs without a scan.
        modelBuilder.Entity<StoredDirective>().HasIndex(d => new { d.RecipientPhone, d.Template }).HasFilter("\"RecipientPhone\" IS NOT NULL");
        modelBuilder.Entity<Notification>().HasIndex(n => n.Reference).IsUnique();
        modelBuilder.Entity<Notification>().HasIndex(n => n.Status);
        modelBuilder.Entity<DeliveryAttempt>().HasIndex(a => a.NotificationId);

        // Each stage keeps the configuration of its own tables beside its code (IEntityTypeConfiguration<T>).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HeraldDb).Assembly);
    }
}

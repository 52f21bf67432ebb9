using Herald.Cases;
using Herald.Collect;
using Herald.Decide;
using Herald.Deliver;
using Herald.Enrich;
using Herald.Notify;
using Herald.Parse;
using Herald.Pipeline;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald;

/// <summary>One Herald instance: its database, reference data and pipeline, composed from <see cref="HeraldOptions"/>.</summary>
public sealed class HeraldRuntime
{
    private readonly Lazy<RoutingTable?> _routing;
    private readonly Lazy<ShadowserverSchema> _schema;

    /// <param name="routing">An already loaded routing table to share (tests, benchmarks); otherwise loaded on first use.</param>
    public HeraldRuntime(HeraldOptions options, TimeProvider? time = null, RoutingTable? routing = null)
    {
        Options = options;
        Time = time ?? TimeProvider.System;
        Directory.CreateDirectory(options.DataDirectory);
        Database = new HeraldDatabase(StorageOptions.ForDataDirectory(options.DataDirectory));
        Reports = new ReportStore(options.DataDirectory, Time);
        _routing = routing is not null
            ? new Lazy<RoutingTable?>(routing)
            : new Lazy<RoutingTable?>(() => RoutingTable.TryLoad(options.EffectiveRoutingDirectory));
        _schema = new Lazy<ShadowserverSchema>(() =>
        {
            var path = options.EffectiveSchemaPath;
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"Shadowserver's report schema is not at {path}. Run 'herald schema update' to fetch it, or set HERALD_SCHEMA.");
            return ShadowserverSchema.Load(path);
        });
        Composer = new WarningComposer(options.Service, WarningTexts.Shipped);
        Messages = new WarningMessageFactory(options.Service);
        IMailChannel channel = options.Delivery.Smtp is { } smtp ? new SmtpChannel(smtp) : new PickupFolderChannel(options.PickupDirectory);
        Outbox = new Outbox(Database, channel, Messages, options.Delivery, Time);
        Cases = new CaseTracker(options.FollowUp, Time);
        FollowUps = new FollowUps(options.FollowUp, options.Service, new NotificationBuilder(options.Service, Composer, Time), Time);
        Mailbox = options.Mailbox is { } mailbox ? new BounceMailbox(mailbox, new InboundMailHandler(Database, options.Service, Time)) : null;
    }

    public HeraldOptions Options { get; }
    public TimeProvider Time { get; }
    public HeraldDatabase Database { get; }
    public ReportStore Reports { get; }
    public WarningComposer Composer { get; }
    public WarningMessageFactory Messages { get; }

    /// <summary>One per instance, so that its limits per receiving domain hold across runs.</summary>
    public Outbox Outbox { get; }

    public CaseTracker Cases { get; }
    public FollowUps FollowUps { get; }

    /// <summary>The bounce and reply mailbox, when one is configured.</summary>
    public BounceMailbox? Mailbox { get; }

    /// <summary>The routing table, or null when none is installed (enrichment then keeps what reports carry).</summary>
    public RoutingTable? Routing => _routing.Value;

    public ShadowserverSchema Schema => _schema.Value;

    public Task InitialiseAsync(CancellationToken cancellationToken) => Database.InitialiseAsync(cancellationToken);

    public ReportProcessor CreateProcessor() => new(
        Database, Reports, new ShadowserverParser(Schema), PrepareAsync,
        new NotificationBuilder(Options.Service, Composer, Time), Outbox, Cases, Time);

    /// <summary>Reads the registry as it is now into the matcher and the decision step.</summary>
    public async Task<(Enricher Enricher, IDecider Decider)> PrepareAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Assets).Include(o => o.Contacts).ToListAsync(cancellationToken);
        var owners = await db.NetworkOwners.AsNoTracking().ToDictionaryAsync(o => o.Asn, cancellationToken);
        var partners = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var enricher = new Enricher(Routing, new OrganisationMatcher(organisations), owners);
        return (enricher, new FirstDecider(Options.Decision, partners));
    }
}

using Herald.Collect;
using Herald.Decide;
using Herald.Decide.Rules;
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
    private readonly Lazy<KevCatalogue> _kev;

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
        Rules = new RuleSetProvider(Database, options.RulesDirectory, Time);
        _kev = new Lazy<KevCatalogue>(() => options.Decision.KevPath is { } kev ? KevCatalogue.Load(kev) : KevCatalogue.Empty);
        Composer = new WarningComposer(options.Service, WarningTexts.Shipped);
        Deliverer = new PickupFolderDeliverer(options.PickupDirectory, options.Service, Time);
    }

    public HeraldOptions Options { get; }
    public TimeProvider Time { get; }
    public HeraldDatabase Database { get; }
    public ReportStore Reports { get; }
    public WarningComposer Composer { get; }
    public PickupFolderDeliverer Deliverer { get; }

    /// <summary>The rule set in force, from <c>&lt;data&gt;/rules</c> or the shipped default.</summary>
    public RuleSetProvider Rules { get; }

    /// <summary>CISA's KEV catalogue when <see cref="DecisionOptions.KevPath"/> is set; otherwise empty.</summary>
    public KevCatalogue Kev => _kev.Value;

    /// <summary>The routing table, or null when none is installed (enrichment then keeps what reports carry).</summary>
    public RoutingTable? Routing => _routing.Value;

    public ShadowserverSchema Schema => _schema.Value;

    public Task InitialiseAsync(CancellationToken cancellationToken) => Database.InitialiseAsync(cancellationToken);

    public ReportProcessor CreateProcessor() => new(
        Database, Reports, new ShadowserverParser(Schema), PrepareAsync,
        new NotificationBuilder(Options.Service, Composer, Time), Deliverer, Time);

    /// <summary>Reads the registry as it is now into the matcher, and the rules and what they consult into a decider for the report.</summary>
    public async Task<(Enricher Enricher, IDecider Decider)> PrepareAsync(HeraldDb db, Report report, CancellationToken cancellationToken)
    {
        var enricher = await LoadEnricherAsync(db, cancellationToken);
        var rules = await Rules.GetAsync(cancellationToken);
        var reportType = report.ReportType ?? Schema.FindByFileName(report.FileName)?.Name;
        var context = new ReportContext(reportType, report.SourceName, await ReliabilityOfAsync(db, report.SourceName, cancellationToken), report.ReceivedAt);
        return (enricher, await CreateDeciderAsync(db, rules, context, Time, cancellationToken));
    }

    /// <summary>The registry as it is now, in the matcher and the enricher.</summary>
    public async Task<Enricher> LoadEnricherAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Assets).Include(o => o.Contacts).ToListAsync(cancellationToken);
        var owners = await db.NetworkOwners.AsNoTracking().ToDictionaryAsync(o => o.Asn, cancellationToken);
        return new Enricher(Routing, new OrganisationMatcher(organisations), owners);
    }

    /// <summary>A decider with the given rules and what they consult (partners, inhibitions, sightings, messages sent) as it is now.</summary>
    public async Task<RuleDecider> CreateDeciderAsync(HeraldDb db, RuleSet rules, ReportContext context, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var environment = await DecisionEnvironment.LoadAsync(db, rules, Options.Decision, Kev, time.GetUtcNow(), cancellationToken);
        return new RuleDecider(rules, environment, context, time);
    }

    /// <summary>The source's registered reliability letter; a source that is not registered has a new source's default (B).</summary>
    public static async Task<char> ReliabilityOfAsync(HeraldDb db, string source, CancellationToken cancellationToken)
    {
        var reliability = await db.Sources.Where(s => s.Name == source).Select(s => s.Reliability).FirstOrDefaultAsync(cancellationToken);
        return (reliability ?? new Source { Name = source }.Reliability) is [var letter and >= 'A' and <= 'F'] ? letter : 'F';
    }
}

using Herald.Collect;
using Herald.Contacts;
using Herald.Decide;
using Herald.Deliver;
using Herald.Enrich;
using Herald.Notify;
using Herald.Parse;
using Herald.Pipeline;
using Herald.Signing;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald;

/// <summary>One Herald instance: its database, reference data and pipeline, composed from <see cref="HeraldOptions"/>.</summary>
public sealed class HeraldRuntime
{
    private readonly Lazy<RoutingTable?> _routing;
    private readonly Lazy<ShadowserverSchema> _schema;
    private readonly Lazy<Parse.Xarf.XarfSchemas> _xarfSchemas;

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
        _xarfSchemas = new Lazy<Parse.Xarf.XarfSchemas>(() => Parse.Xarf.XarfSchemas.Load(options.EffectiveXarfSchemaDirectory));
        Composer = new WarningComposer(options.Service, options.TemplateDirectory);
        Messages = new WarningMessageFactory(options.Service, MessageSigning.FromOptions(options.EffectiveSigning, options.Service));
        Deliverer = new PickupFolderDeliverer(options.PickupDirectory, Messages, Time);
    }

    public HeraldOptions Options { get; }
    public TimeProvider Time { get; }
    public HeraldDatabase Database { get; }
    public ReportStore Reports { get; }
    public WarningComposer Composer { get; }

    /// <summary>Turns a stored warning into the signed message any deliverer sends.</summary>
    public WarningMessageFactory Messages { get; }
    public PickupFolderDeliverer Deliverer { get; }

    /// <summary>The routing table, or null when none is installed (enrichment then keeps what reports carry).</summary>
    public RoutingTable? Routing => _routing.Value;

    public ShadowserverSchema Schema => _schema.Value;

    public Task InitialiseAsync(CancellationToken cancellationToken) => Database.InitialiseAsync(cancellationToken);

    /// <param name="parser">The parser for the report's format; Shadowserver's when null.</param>
    public ReportProcessor CreateProcessor(IReportParser? parser = null) => new(
        Database, Reports, parser ?? CreateParser(ReportFormat.Shadowserver), PrepareAsync,
        new NotificationBuilder(Options.Service, Composer, Time), Deliverer, Time, new CallTasks(Options.Service, Composer, Time));

    /// <summary>The parser for a report format (not <see cref="ReportFormat.Auto"/>), with the configured limits.</summary>
    /// <param name="mapping">The column mapping, for <see cref="ReportFormat.Mapped"/>.</param>
    public IReportParser CreateParser(ReportFormat format, Parse.Mapping.ColumnMapping? mapping = null) => format switch
    {
        ReportFormat.Shadowserver => new ShadowserverParser(Schema, Options.ParseLimits),
        ReportFormat.IntelMq => new IntelMqJsonParser(Options.ParseLimits),
        ReportFormat.Xarf => new Parse.Xarf.XarfParser(_xarfSchemas.Value, Options.ParseLimits),
        ReportFormat.Mapped when mapping is not null => new Parse.Mapping.MappedParser(mapping, Options.ParseLimits),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "this format needs more than its name to be read"),
    };

    /// <summary>Reads the registry as it is now into the matcher and the decision step.</summary>
    public async Task<(Enricher Enricher, IDecider Decider)> PrepareAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Assets).Include(o => o.Contacts).ToListAsync(cancellationToken);
        var owners = await db.NetworkOwners.AsNoTracking().ToDictionaryAsync(o => o.Asn, cancellationToken);
        var partners = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var enricher = new Enricher(Routing, new OrganisationMatcher(organisations), owners);
        var contacts = await ContactSnapshot.LoadAsync(db, organisations, owners, cancellationToken);
        return (enricher, new FirstDecider(Options.Decision, partners, new RecipientSelector(contacts)));
    }
}

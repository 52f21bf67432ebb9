using Herald.Cases;
using Herald.Collect;
using Herald.Contacts;
using Herald.Decide;
using Herald.Decide.Rules;
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
    private readonly Lazy<KevCatalogue> _kev;

    /// <param name="routing">An already loaded routing table to share (tests, benchmarks); otherwise loaded on first use.</param>
    public HeraldRuntime(HeraldOptions options, TimeProvider? time = null, RoutingTable? routing = null)
    {
        Options = options;
        Time = time ?? TimeProvider.System;
        Directories.Create(options.DataDirectory, "the data directory");
        Database = new HeraldDatabase(options.Storage.In(options.DataDirectory));
        Reports = new ReportStore(options.DataDirectory, Time);
        _routing = routing is not null
            ? new Lazy<RoutingTable?>(routing)
            : new Lazy<RoutingTable?>(() => RoutingTable.TryLoad(options.EffectiveRoutingDirectory));
        _schema = new Lazy<ShadowserverSchema>(() => LoadSchema(options.EffectiveSchemaPath));
        _xarfSchemas = new Lazy<Parse.Xarf.XarfSchemas>(() => Parse.Xarf.XarfSchemas.Load(options.EffectiveXarfSchemaDirectory));
        Rules = new RuleSetProvider(Database, options.RulesDirectory, Time);
        _kev = new Lazy<KevCatalogue>(() => options.Decision.KevPath is { } kev ? KevCatalogue.Load(kev) : KevCatalogue.Empty);
        Composer = new WarningComposer(options.Service, options.TemplateDirectory, Time);
        Messages = new WarningMessageFactory(options.Service, MessageSigning.FromOptions(options.EffectiveSigning, options.Service, Time));
        IMailChannel channel = options.Delivery.Smtp is { } smtp ? new SmtpChannel(smtp) : new PickupFolderChannel(options.PickupDirectory);
        options.Forward.Validate();
        var forwarding = new Forward.ForwardSender(
            new Forward.ForwardDocuments(options.Service, options.Forward, () => _xarfSchemas.Value),
            new Forward.ForwardMessageFactory(options.Service, Messages.Signing),
            new Forward.HttpsForwardChannel(options.Forward.Http, Time), options.Forward.Tokens);
        UnsignedRefusal = options.Delivery.Smtp is { } relay && !Messages.Signing.Dkim && !options.Delivery.AllowUnsigned
            ? $"warnings are not sent through the SMTP relay {relay.Host} without a DKIM signature: there is no key at {options.EffectiveSigning.Dkim.KeyPath}. " +
              "Run 'herald keys dkim-generate' and publish its DNS record, or set Delivery:AllowUnsigned=true"
            : null;
        Outbox = new Outbox(Database, channel, Messages, options.Delivery, Time, forwarding, UnsignedRefusal);
        Forwards = new Forward.ForwardBuilder(options.Service, new NotificationBuilder(options.Service, Composer, Time), Time);
        Cases = new CaseTracker(options.FollowUp, Time);
        FollowUps = new FollowUps(options.FollowUp, options.Service, new NotificationBuilder(options.Service, Composer, Time), Time);
        Mailbox = options.Mailbox is { } mailbox ? new BounceMailbox(mailbox, new InboundMailHandler(Database, options.Service, Time)) : null;
    }

    /// <exception cref="UserException">The schema is not installed or is not a schema.</exception>
    private static ShadowserverSchema LoadSchema(string path)
    {
        if (!File.Exists(path))
            throw new UserException($"Shadowserver's report schema is not at {path}. Run 'herald schema update' to fetch it, or set HERALD_SCHEMA.");
        try
        {
            return ShadowserverSchema.Load(path);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException)
        {
            throw new UserException($"{path} is not a readable Shadowserver report schema ({ex.Message}). Run 'herald schema update' to install it again.", ex);
        }
    }

    public HeraldOptions Options { get; }
    public TimeProvider Time { get; }
    public HeraldDatabase Database { get; }
    public ReportStore Reports { get; }
    public WarningComposer Composer { get; }

    /// <summary>Turns a stored warning into the signed message any channel sends.</summary>
    public WarningMessageFactory Messages { get; }

    /// <summary>Why warnings may not be sent as configured (over SMTP without DKIM, not allowed), or null.</summary>
    public string? UnsignedRefusal { get; }

    /// <summary>The signing in force, in one line for the start of <c>deliver</c> and <c>serve</c>.</summary>
    public string SigningSummary
    {
        get
        {
            var signing = Messages.Signing;
            var dkim = signing.Dkim
                ? $"DKIM {signing.DkimAlgorithm} (d={Options.Signing.Dkim.Domain ?? Options.Service.SenderDomain}, s={Options.Signing.Dkim.Selector})"
                : "no DKIM" + (Options.Delivery.Smtp is not null && Options.Delivery.AllowUnsigned ? " (Delivery:AllowUnsigned is set: warnings go out unsigned)" : "");
            var pgp = signing.OpenPgp ? ", OpenPGP signed (encrypted where the recipient's key is known)" : "";
            return dkim + pgp;
        }
    }

    /// <summary>Throws the refusal when warnings may not be sent as configured; for commands that send, at start.</summary>
    /// <exception cref="UserException">The SMTP relay is set, there is no DKIM key, and unsigned mail is not allowed.</exception>
    public void RequireSendable()
    {
        if (UnsignedRefusal is not null) throw new UserException(UnsignedRefusal);
    }

    /// <summary>One per instance, so that its limits per receiving domain hold across runs.</summary>
    public Outbox Outbox { get; }

    /// <summary>Makes one forward per partner of the partner-routed cases that have none yet.</summary>
    public Forward.ForwardBuilder Forwards { get; }

    public CaseTracker Cases { get; }
    public FollowUps FollowUps { get; }

    /// <summary>The bounce and reply mailbox, when one is configured.</summary>
    public BounceMailbox? Mailbox { get; }

    /// <summary>The rule set in force, from <c>&lt;data&gt;/rules</c> or the shipped default.</summary>
    public RuleSetProvider Rules { get; }

    /// <summary>CISA's KEV catalogue when <see cref="DecisionOptions.KevPath"/> is set; otherwise empty.</summary>
    public KevCatalogue Kev => _kev.Value;

    /// <summary>The routing table, or null when none is installed (enrichment then keeps what reports carry).</summary>
    public RoutingTable? Routing => _routing.Value;

    public ShadowserverSchema Schema => _schema.Value;

    /// <inheritdoc cref="HeraldDatabase.InitialiseAsync"/>
    public Task<DatabaseUpgrade> InitialiseAsync(CancellationToken cancellationToken) => Database.InitialiseAsync(cancellationToken);

    /// <param name="parser">The parser for the report's format; Shadowserver's when null.</param>
    /// <exception cref="UserException">Warnings could not be sent as configured (<see cref="RequireSendable"/>).</exception>
    public ReportProcessor CreateProcessor(IReportParser? parser = null)
    {
        RequireSendable();
        return new(Database, Reports, parser ?? CreateParser(ReportFormat.Shadowserver), CreateParser, PrepareAsync,
            new NotificationBuilder(Options.Service, Composer, Time), Outbox, Cases, Time, new CallTasks(Options.Service, Composer, Time), Forwards);
    }

    /// <summary>
    /// Contact discovery over the network: security.txt through the safe fetcher (public addresses only, every
    /// redirect checked), and RDAP abuse contacts through the same safe handler.
    /// </summary>
    public async Task<(ContactDiscovery Discovery, IDisposable Resources)> CreateContactDiscoveryAsync(Net.SafeHttpOptions safety,
        RdapOptions? rdap, CancellationToken cancellationToken)
    {
        var fetcher = new Net.SafeFetcher(safety, Time);
        var securityTxt = new SecurityTxtContactSource(new SecurityTxt.CachedSecurityTxtLookup(new SecurityTxt.SecurityTxtFetcher(fetcher, Time), Time));
        if (rdap is null) return (new ContactDiscovery(securityTxt, null, Time), fetcher);
        var http = new HttpClient(Net.SafeHttpHandler.Create(safety)) { Timeout = safety.Timeout };
        var bootstrap = await RdapClient.LoadBootstrapAsync(http, rdap, cancellationToken);
        return (new ContactDiscovery(securityTxt, new RdapClient(http, bootstrap, rdap, Time), Time), new Disposables(fetcher, http));
    }

    private sealed class Disposables(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items) item.Dispose();
        }
    }

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

    /// <summary>The parser for a reading: how a report was read before, or how a source's reports are read.</summary>
    /// <exception cref="Parse.Mapping.InvalidMappingException">The reading's mapping is not valid.</exception>
    public IReportParser CreateParser(ReportReading reading)
    {
        var format = ReportFormats.Parse(reading.Format);
        return format == ReportFormat.Mapped
            ? CreateParser(format, Parse.Mapping.MappingLoader.Load(reading.Mapping ?? "", "the mapping"))
            : CreateParser(format);
    }

    /// <summary>Reads the registry as it is now into the matcher, and the rules and what they consult into a decider for the report.</summary>
    public async Task<(Enricher Enricher, IDecider Decider)> PrepareAsync(HeraldDb db, Report report, CancellationToken cancellationToken)
    {
        var (enricher, contacts) = await LoadRegistryAsync(db, withContacts: true, cancellationToken);
        var rules = await Rules.GetAsync(cancellationToken);
        // Reports in other formats (IntelMQ JSON, X-ARF, mappings) need no Shadowserver schema to be decided.
        var reportType = report.ReportType ?? (File.Exists(Options.EffectiveSchemaPath) ? Schema.FindByFileName(report.FileName)?.Name : null);
        var context = new ReportContext(reportType, report.SourceName, await ReliabilityOfAsync(db, report.SourceName, cancellationToken), report.ReceivedAt);
        return (enricher, await CreateDeciderAsync(db, rules, context, Time, cancellationToken, contacts));
    }

    /// <summary>The registry as it is now, in the matcher and the enricher.</summary>
    public async Task<Enricher> LoadEnricherAsync(HeraldDb db, CancellationToken cancellationToken) =>
        (await LoadRegistryAsync(db, withContacts: false, cancellationToken)).Enricher;

    /// <summary>
    /// The registry as it is now: the enricher, and (for deciding) the contacts of the fallback chain, read from the
    /// same organisations and network owners.
    /// </summary>
    private async Task<(Enricher Enricher, RecipientSelector Contacts)> LoadRegistryAsync(HeraldDb db, bool withContacts, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Assets).Include(o => o.Contacts).ToListAsync(cancellationToken);
        var owners = await db.NetworkOwners.AsNoTracking().ToDictionaryAsync(o => o.Asn, cancellationToken);
        var contacts = withContacts ? new RecipientSelector(await ContactSnapshot.LoadAsync(db, organisations, owners, cancellationToken)) : RecipientSelector.Empty;
        return (new Enricher(Routing, new OrganisationMatcher(organisations), owners), contacts);
    }

    /// <summary>A decider with the given rules and what they consult (partners, inhibitions, sightings, messages sent) as it is now.</summary>
    /// <param name="contacts">The contact fallback chain; without it, recipients come from the registry's e-mail and the network owners.</param>
    public async Task<RuleDecider> CreateDeciderAsync(HeraldDb db, RuleSet rules, ReportContext context, TimeProvider time,
        CancellationToken cancellationToken, RecipientSelector? contacts = null)
    {
        var environment = await DecisionEnvironment.LoadAsync(db, rules, Options.Decision, Kev, time.GetUtcNow(), cancellationToken, contacts);
        return new RuleDecider(rules, environment, context, time);
    }

    /// <summary>The source's registered reliability letter; a source that is not registered has a new source's default (B).</summary>
    public static async Task<char> ReliabilityOfAsync(HeraldDb db, string source, CancellationToken cancellationToken)
    {
        var reliability = await db.Sources.Where(s => s.Name == source).Select(s => s.Reliability).FirstOrDefaultAsync(cancellationToken);
        return (reliability ?? new Source { Name = source }.Reliability) is [var letter and >= 'A' and <= 'F'] ? letter : 'F';
    }
}

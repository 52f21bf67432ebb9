using System.Net;
using Herald.Decide;
using Herald.Deliver;
using Herald.Events;
using Herald.Forward;
using Herald.Net;
using Herald.Notify;
using Herald.Parse.Xarf;
using Herald.Storage;
using Herald.Tests.Deliver;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Forward;

/// <summary>A real database with partners, member organisations and partner-routed directives, and the forwarding parts around it.</summary>
internal sealed class ForwardFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset At = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<XarfSchemas> Schemas = new(() => XarfSchemas.Load(TestData.XarfSchemasDir));

    private readonly TempDatabase _temp;
    private long _line;

    private ForwardFixture(TempDatabase temp) => _temp = temp;

    public HeraldDatabase Database => _temp.Database;

    public string Directory => _temp.Path;

    public TestTime Time { get; } = new(At);

    public static XarfSchemas XarfSchemas => Schemas.Value;

    public static async Task<ForwardFixture> CreateAsync() => new(await TempDatabase.CreateAsync());

    /// <summary>Trusts the test authority and lets loopback through, as a partner's server on 127.0.0.1 needs.</summary>
    public static SafeHttpOptions LoopbackHttp => new()
    {
        AllowedNetworks = [IPNetwork.Parse("127.0.0.0/8")],
        ExtraTrustRoot = TestCertificates.Authority,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<Partner> AddPartnerAsync(string code, PartnerChannel channel, ForwardFormat format, string? endpoint = null)
    {
        await using var db = Database.Open();
        var partner = new Partner
        {
            Code = code,
            Name = code.ToUpperInvariant(),
            Kind = PartnerKind.Cert,
            Email = $"meldingen@{code}.example",
            Channel = channel,
            Format = format,
            Endpoint = endpoint,
        };
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }

    public async Task<Organisation> AddOrganisationAsync(string kvk, string name, string partnerCode)
    {
        await using var db = Database.Open();
        var organisation = new Organisation { KvkNumber = kvk, Name = name, PartnerCode = partnerCode };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    /// <summary>Stores the events and a partner-routed directive for each, as deciding would.</summary>
    public async Task AddCasesAsync(Partner partner, Organisation? organisation, params Event[] events)
    {
        await using var db = Database.Open();
        foreach (var e in events)
        {
            var stored = new StoredEvent
            {
                ReportId = 1,
                Line = ++_line,
                TimeSource = e.TimeSource,
                ClassificationIdentifier = e.ClassificationIdentifier,
                ClassificationType = e.ClassificationType,
                SourceIp = e.SourceIp?.ToString(),
                SourcePort = e.SourcePort,
                OrganisationId = organisation?.Id,
                Json = IntelMqJson.Write(e, includeRaw: false),
                Raw = e.Raw,
            };
            db.Events.Add(stored);
            await db.SaveChangesAsync();
            db.Directives.Add(new StoredDirective
            {
                EventId = stored.Id,
                ReportId = 1,
                Route = Route.Partner,
                RecipientEmail = partner.Email,
                RecipientName = partner.Name,
                PartnerCode = partner.Code,
                OrganisationId = organisation?.Id,
                Template = "default",
                AggregationKey = partner.Code,
                Reasons = $"member of {partner.Code}",
                CreatedAt = At,
            });
        }
        await db.SaveChangesAsync();
    }

    public ForwardBuilder Builder(ServiceOptions? service = null) =>
        new(service ?? Warnings.Service, new NotificationBuilder(service ?? Warnings.Service, Warnings.TextComposer, Time), Time);

    public async Task<int> CreateForwardsAsync(ServiceOptions? service = null)
    {
        await using var db = Database.Open();
        return await Builder(service).CreatePendingAsync(db, CancellationToken.None);
    }

    /// <summary>An outbox that sends warnings and forwards: mail through <paramref name="mail"/>, POSTs within <paramref name="http"/>.</summary>
    public Outbox Outbox(IMailChannel mail, SafeHttpOptions? http = null, BearerTokens? tokens = null, ServiceOptions? service = null,
        Herald.Signing.MessageSigning? signing = null)
    {
        service ??= Warnings.Service;
        signing ??= new Herald.Signing.MessageSigning(null, null, new MimeKit.MailboxAddress(service.SenderName, service.SenderAddress), encrypt: false);
        var options = new ForwardOptions();
        var sender = new ForwardSender(new ForwardDocuments(service, options, () => XarfSchemas), new ForwardMessageFactory(service, signing),
            new HttpsForwardChannel(http ?? LoopbackHttp, Time), tokens ?? BearerTokens.None);
        return new Outbox(Database, mail, new WarningMessageFactory(service, signing), new DeliveryOptions { MaxPerMinutePerDomain = 0 }, Time, sender);
    }

    public async Task<List<Notification>> NotificationsAsync()
    {
        await using var db = Database.Open();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    /// <summary>Three cases of different kinds, as a Shadowserver report and enrichment would leave them.</summary>
    public static Event[] ThreeCases() =>
    [
        Case("192.0.2.17", 3389, "vulnerable", "vulnerable-system", "open-rdp", "Accessible-RDP", transport: "tcp", application: "rdp"),
        Case("192.0.2.18", 443, "vulnerable", "vulnerable-system", "vulnerable-http", "Vulnerable-HTTP", application: "http", cves: ["CVE-2021-41773"]),
        Case("192.0.2.19", 49152, "malicious-code", "infected-system", "andromeda", "Sinkhole-Events", transport: "tcp", malware: "andromeda"),
    ];

    public static Event Case(string ip, int port, string taxonomy, string type, string identifier, string feed, string? transport = null,
        string? application = null, string[]? cves = null, string? malware = null, string provider = "Shadowserver")
    {
        var e = new Event
        {
            TimeSource = At.AddHours(-20),
            TimeObservation = At.AddHours(-2),
            FeedName = feed,
            FeedProvider = provider,
            ClassificationTaxonomy = taxonomy,
            ClassificationType = type,
            ClassificationIdentifier = identifier,
            SourceIp = IPAddress.Parse(ip),
            SourcePort = port,
            SourceAsn = 64500,
            SourceAsName = "VOORBEELD-AS",
            SourceGeolocationCc = "NL",
            ProtocolTransport = transport,
            ProtocolApplication = application,
            ProductVulnerabilities = cves ?? [],
            Raw = $"\"2026-11-01 12:00:00\",\"{ip}\",\"{port}\",\"{identifier}\"",
        };
        e.Extra["tag"] = identifier;
        if (malware is not null) e.Fields["malware.name"] = malware;
        return e;
    }

    public ValueTask DisposeAsync() => _temp.DisposeAsync();
}

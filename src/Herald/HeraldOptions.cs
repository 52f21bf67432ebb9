using Herald.Decide;
using Herald.Notify;

namespace Herald;

/// <summary>Everything an instance of Herald needs to know; the data directory holds the rest.</summary>
public sealed record HeraldOptions
{
    /// <summary>Where the database, the kept reports, the pickup folder and <c>herald.json</c> live (<c>--data</c> / <c>HERALD_DATA</c>, default <c>./data</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Routing data (ip-location-db CSVs); default <c>&lt;data&gt;/routing</c>.</summary>
    public string? RoutingDirectory { get; init; }

    /// <summary>Shadowserver's schema; default <c>&lt;data&gt;/shadowserver-schema.json</c>.</summary>
    public string? SchemaPath { get; init; }

    /// <summary>The X-ARF v4 schemas (xarf-spec's schemas/v4); default <c>&lt;data&gt;/xarf-schemas</c>.</summary>
    public string? XarfSchemaDirectory { get; init; }

    /// <summary>What the parsers accept of a hostile report (line length, JSON depth, fields).</summary>
    public Parse.ParseLimits ParseLimits { get; init; } = new();

    /// <summary>The database: its provider and whether a copy is kept before an upgrade.</summary>
    public Herald.Storage.StorageOptions Storage { get; init; } = new();

    public ServiceOptions Service { get; init; } = new();
    public DecisionOptions Decision { get; init; } = new();
    public Deliver.DeliveryOptions Delivery { get; init; } = new();

    public Cases.FollowUpOptions FollowUp { get; init; } = new();

    /// <summary>Partner forwarding: document size limit, the HTTPS POST's limits and SSRF checks, bearer tokens.</summary>
    public Herald.Forward.ForwardOptions Forward { get; init; } = new();

    /// <summary>The IMAP mailbox where bounces and replies arrive; null when none is read.</summary>
    public Cases.MailboxOptions? Mailbox { get; init; }

    /// <summary>DKIM and OpenPGP keys; default <c>&lt;data&gt;/keys/dkim.pem</c> and <c>&lt;data&gt;/openpgp/</c>.</summary>
    public Signing.SigningOptions Signing { get; init; } = new();

    /// <summary>The signing options with the data directory's defaults for the key paths not set.</summary>
    public Signing.SigningOptions EffectiveSigning => Signing.ForDataDirectory(DataDirectory);

    /// <summary>Limits of the upload API and form.</summary>
    public Collect.Upload.UploadOptions Upload { get; init; } = new();

    /// <summary>Analysts' warning templates, used instead of the shipped ones with the same name.</summary>
    public string TemplateDirectory => Path.Combine(DataDirectory, "templates");

    public string DatabasePath => Path.Combine(DataDirectory, Herald.Storage.StorageOptions.DatabaseFileName);
    /// <summary>Analysts' rule files (<c>*.yaml</c>); when there are none, the shipped rule set applies.</summary>
    public string RulesDirectory => Path.Combine(DataDirectory, "rules");

    public string PickupDirectory => Path.Combine(DataDirectory, "pickup");
    public string InboxDirectory => Path.Combine(DataDirectory, "inbox");
    public string EffectiveRoutingDirectory => RoutingDirectory ?? Path.Combine(DataDirectory, "routing");
    public string EffectiveXarfSchemaDirectory => XarfSchemaDirectory ?? Path.Combine(DataDirectory, "xarf-schemas");
    public string EffectiveSchemaPath => SchemaPath ?? Path.Combine(DataDirectory, "shadowserver-schema.json");

    /// <summary>Everything that keeps these options from running, each with the setting at fault; checked at start.</summary>
    public IEnumerable<(string Key, string Problem)> Problems() =>
        Storage.Problems().Concat(Service.Problems()).Concat(Decision.Problems()).Concat(Delivery.Problems())
            .Concat(Mailbox?.Problems() ?? []).Concat(FollowUp.Problems()).Concat(Forward.Problems())
            .Concat(Signing.Dkim.Problems()).Concat(Upload.Problems()).Concat(ParseLimits.Problems());
}

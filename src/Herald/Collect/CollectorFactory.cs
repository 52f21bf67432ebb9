using System.Net.Security;
using Herald.Storage;

namespace Herald.Collect;

/// <summary>
/// Makes the collector a <see cref="CollectorDefinition"/> describes. HTTP goes through the given client and IMAP
/// certificates through the given validation (null: the system's), so tests can trust their own authority.
/// </summary>
public sealed class CollectorFactory(
    ReportIntake intake,
    HeraldDatabase database,
    HttpClient http,
    TimeProvider time,
    string temporaryDirectory,
    RemoteCertificateValidationCallback? imapCertificateValidation = null)
{
    /// <summary>A factory on the runtime's database, store and pipeline, with the configuration's limits.</summary>
    public static CollectorFactory For(HeraldRuntime runtime, ArchiveLimits limits, HttpClient http,
        RemoteCertificateValidationCallback? imapCertificateValidation = null) =>
        new(ReportIntake.For(runtime, limits), runtime.Database, http, runtime.Time,
            Path.Combine(runtime.Options.DataDirectory, "tmp"), imapCertificateValidation);

    public ICollector Create(CollectorDefinition definition) => definition.Settings switch
    {
        FolderSettings folder => new FolderCollector(definition, folder, intake, time),
        ImapSettings imap => new ImapCollector(definition, imap, intake, temporaryDirectory, imapCertificateValidation),
        ShadowserverApiSettings api => new ShadowserverApiCollector(definition, api, intake, database, http, time),
        HttpsSettings https => new HttpsPullCollector(definition, https, intake, database, http),
        _ => throw new InvalidOperationException($"collector '{definition.Name}' has settings of an unknown kind"),
    };

    /// <summary>The client for production: redirects limited, long downloads allowed, certificates checked by the system.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(10),
    };
}

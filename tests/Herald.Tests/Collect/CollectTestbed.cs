using System.IO.Compression;
using System.Text;
using Herald.Collect;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Collect;

/// <summary>A Herald instance on a data directory of its own (real SQLite, Shadowserver's schema), with an intake and reports to feed it.</summary>
internal sealed class CollectTestbed : IAsyncDisposable
{
    public const string ReportName = "2026-11-01-scan_http_vulnerable-nl-geo.csv";

    private const string Header =
        "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"http\",\"http_code\"";

    private readonly TempDirectory _dir = new();

    private CollectTestbed(ArchiveLimits limits)
    {
        Runtime = new HeraldRuntime(new HeraldOptions
        {
            DataDirectory = System.IO.Path.Combine(_dir.Path, "data"),
            SchemaPath = TestData.SchemaPath,
            RoutingDirectory = System.IO.Path.Combine(_dir.Path, "no-routing"),
        }, Time);
        Intake = ReportIntake.For(Runtime, limits);
    }

    public TestTime Time { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public HeraldRuntime Runtime { get; }

    public ReportIntake Intake { get; }

    public string Path => _dir.Path;

    public string Data => Runtime.Options.DataDirectory;

    public static async Task<CollectTestbed> StartAsync(ArchiveLimits? limits = null)
    {
        var testbed = new CollectTestbed(limits ?? new ArchiveLimits());
        await testbed.Runtime.InitialiseAsync(CancellationToken.None);
        return testbed;
    }

    public HeraldDb Db() => Runtime.Database.Open();

    public CollectorFactory Factory(HttpClient? http = null) =>
        new(Intake, Runtime.Database, http ?? new HttpClient(), Time, System.IO.Path.Combine(Data, "tmp"));

    /// <summary>A Shadowserver scan_http_vulnerable report with one row per address.</summary>
    public static byte[] Report(params string[] ips) => Encoding.UTF8.GetBytes(Header + "\n" + string.Concat(ips.Select(ip =>
        $"\"2026-11-01 10:00:00\",{ip},tcp,443,,\"cve-2021-41773\",64500,NL,Region,City,0,0,HTTP/1.1,200\n")));

    public static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        return buffer.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}

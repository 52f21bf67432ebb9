using System.IO.Compression;
using System.Net;
using Herald.Cli;
using Herald.Contacts;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Contacts;

/// <summary>RIPE database split files in their real format (comments, continuation lines, gzip), imported and looked up.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RipeImportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Header = """
        #
        # The contents of this file are subject to
        # RIPE Database Terms and Conditions
        #
        # http://www.ripe.net/db/support/db-terms-conditions.pdf
        #

        """;

    private const string Inetnum = Header + """
        inetnum:        198.51.100.0 - 198.51.100.255
        netname:        EXAMPLE-HOSTING
        descr:          Example hosting,
                        a continuation line
        country:        NL
        org:            ORG-EH1-RIPE
        admin-c:        DUMY-RIPE
        status:         ASSIGNED PA
        mnt-by:         EH-MNT
        source:         RIPE # Filtered

        inetnum:        198.51.100.128 - 198.51.100.191
        netname:        EXAMPLE-CUSTOMER
        abuse-c:        AC1-RIPE
        +               
        status:         ASSIGNED PA
        source:         RIPE

        inetnum:        not a range
        netname:        BROKEN
        source:         RIPE

        this line is not rpsl
        netname:        SKIPPED

        inetnum:        203.0.113.0 - 203.0.113.255
        netname:        NO-ABUSE
        abuse-c:        PLACEHOLDER-RIPE
        source:         RIPE

        """;

    private const string Inet6num = Header + """
        inet6num:       2001:db8::/32
        netname:        EXAMPLE-V6
        abuse-c:        AC2-RIPE
        source:         RIPE

        """;

    private const string AutNum = Header + """
        aut-num:        AS64500
        as-name:        EXAMPLE-AS
        org:            ORG-EH1-RIPE
        source:         RIPE

        """;

    private const string Role = Header + """
        role:           Example Hosting Abuse
        nic-hdl:        AC0-RIPE
        abuse-mailbox:  abuse@hosting.example
        source:         RIPE # Filtered

        role:           Customer abuse desk
        nic-hdl:        AC1-RIPE
        abuse-mailbox:  Abuse@Customer.Example
        source:         RIPE

        role:           V6 abuse
        nic-hdl:        AC2-RIPE
        abuse-mailbox:  abuse-v6@hosting.example
        source:         RIPE

        role:           Hidden
        nic-hdl:        PLACEHOLDER-RIPE
        abuse-mailbox:  removed@ripe.net
        source:         RIPE

        """;

    private const string Organisation = Header + """
        organisation:   ORG-EH1-RIPE
        org-name:       Example Hosting B.V.
        org-type:       LIR
        abuse-c:        AC0-RIPE
        source:         RIPE # Filtered

        """;

    private async Task<string[]> WriteFilesAsync()
    {
        var files = new List<string>();
        foreach (var (name, text) in new[] { ("ripe.db.inetnum", Inetnum), ("ripe.db.inet6num", Inet6num), ("ripe.db.aut-num", AutNum), ("ripe.db.role", Role) })
        {
            var path = Path.Combine(_dir.Path, name);
            await File.WriteAllTextAsync(path, text);
            files.Add(path);
        }
        // The organisation file gzipped, as RIPE publishes them.
        var gz = Path.Combine(_dir.Path, "ripe.db.organisation.gz");
        await using (var file = File.Create(gz))
        await using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            await zip.WriteAsync(System.Text.Encoding.Latin1.GetBytes(Organisation));
        files.Add(gz);
        return [.. files];
    }

    [Fact]
    public void Reads_objects_with_continuation_lines_and_comments_and_reports_lines_that_are_not_RPSL()
    {
        var problems = new List<string>();
        using var content = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(Inetnum));

        var objects = RpslReader.Read(content, "ripe.db.inetnum", (line, reason) => problems.Add($"{line}: {reason}"), CancellationToken.None).ToList();

        Assert.Equal(["198.51.100.0 - 198.51.100.255", "198.51.100.128 - 198.51.100.191", "not a range", "203.0.113.0 - 203.0.113.255"], objects.Select(o => o.Key));
        Assert.Equal(7, objects[0].Line);
        Assert.Equal("Example hosting, a continuation line", objects[0].First("descr"));
        Assert.Equal("RIPE", objects[0].First("source"));
        Assert.Equal("29: not an RPSL attribute ('key: value'): object skipped", Assert.Single(problems));
    }

    [Fact]
    public async Task Imports_the_split_files_and_links_networks_to_the_abuse_mailbox_through_abuse_c_or_the_organisation()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var files = await WriteFilesAsync();
        await using (var db = temp.Database.Open())
        {
            var result = await new RipeImporter(db, TimeProvider.System).ImportFilesAsync(files, CancellationToken.None);

            Assert.Equal(3, result.Imported["inetnum"]);
            Assert.Equal(4, result.Imported["role"]);
            Assert.Equal(1, result.Imported["organisation"]);
            Assert.Equal(3, result.NetworksWithAbuseMailbox);
            Assert.Equal(1, result.NetworksWithout);
            Assert.Contains(result.Problems, p => p.StartsWith("ripe.db.inetnum line 25: inetnum 'not a range'", StringComparison.Ordinal));
            Assert.Contains(result.Problems, p => p.Contains("PLACEHOLDER-RIPE: abuse-mailbox 'removed@ripe.net' is a placeholder", StringComparison.Ordinal));
        }

        await using var read = temp.Database.Open();
        var table = await RipeAbuseTable.LoadAsync(read, CancellationToken.None);
        // The customer's own abuse-c beats the hosting range around it.
        var customer = table.Find(IPAddress.Parse("198.51.100.130"))!;
        Assert.Equal("abuse@customer.example", customer.Address);
        Assert.Equal(ContactSource.RipeDatabase, customer.Source);
        Assert.Contains("198.51.100.128 - 198.51.100.191", customer.Origin);
        // Outside the customer's range: the organisation's abuse-c.
        Assert.Equal("abuse@hosting.example", table.Find(IPAddress.Parse("198.51.100.200"))!.Address);
        Assert.Equal("abuse-v6@hosting.example", table.Find(IPAddress.Parse("2001:db8::42"))!.Address);
        Assert.Equal("abuse@hosting.example", table.Find(64500)!.Address);
        Assert.Null(table.Find(IPAddress.Parse("203.0.113.1")));
        Assert.Null(table.Find(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public async Task Importing_again_updates_instead_of_duplicating()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var files = await WriteFilesAsync();
        await using (var db = temp.Database.Open()) await new RipeImporter(db, TimeProvider.System).ImportFilesAsync(files, CancellationToken.None);
        await File.WriteAllTextAsync(files[3], Role.Replace("Abuse@Customer.Example", "new-abuse@customer.example", StringComparison.Ordinal));
        await using (var db = temp.Database.Open()) await new RipeImporter(db, TimeProvider.System).ImportFilesAsync(files, CancellationToken.None);

        await using var read = temp.Database.Open();
        Assert.Equal(4, await read.RipeNetworks.CountAsync());
        Assert.Equal("new-abuse@customer.example", (await RipeAbuseTable.LoadAsync(read, CancellationToken.None)).Find(IPAddress.Parse("198.51.100.130"))!.Address);
    }

    [Fact]
    public async Task The_command_imports_the_files_and_fails_when_some_objects_were_refused()
    {
        var files = await WriteFilesAsync();
        var data = Path.Combine(_dir.Path, "data");

        var code = await HeraldCli.RunAsync(["contacts", "import-ripe", .. files, "--data", data]);

        Assert.Equal(1, code);
        await using var db = new HeraldRuntime(new HeraldOptions { DataDirectory = data }).Database.Open();
        Assert.Equal(3, await db.RipeNetworks.CountAsync(n => n.AbuseMailbox != null));
        Assert.Equal("contacts.import-ripe", (await db.Audit.SingleAsync()).Action);
    }
}

using Herald.Cli;
using Herald.Contacts;
using Herald.Decide;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Contacts;

/// <summary>An organisation reachable only by phone gets a call task; the analyst lists it and records the outcome.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CallsCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private Task<int> Herald(params string[] args) => HeraldCli.RunAsync([.. args, "--data", Data]);

    [Fact]
    public async Task A_phone_only_organisation_becomes_a_call_whose_outcome_is_recorded_and_audited()
    {
        var registry = Path.Combine(_dir.Path, "organisations.csv");
        await File.WriteAllTextAsync(registry, "kvk,name,sector,vital,partner,networks,domains,asns,email,phone,languages\n" +
            "87654321,Slagerij De Vries,retail,false,,192.0.2.0/28,,,,+31 50 765 4321,nl\n");
        // Observed an hour ago: the shipped rules discard observations older than 30 days.
        var seen = TimeProvider.System.GetUtcNow().AddHours(-1).UtcDateTime;
        var report = Path.Combine(_dir.Path, $"{seen:yyyy-MM-dd}-scan_rdpeudp-nl-geo.csv");
        await File.WriteAllTextAsync(report,
            "\"timestamp\",\"ip\",\"protocol\",\"port\",\"hostname\",\"tag\",\"asn\",\"geo\",\"region\",\"city\",\"naics\",\"sic\",\"sessionid\",\"response_size\",\"amplification\"\n" +
            $"\"{seen:yyyy-MM-dd HH:mm:ss}\",192.0.2.5,udp,3389,,rdpeudp,64501,NL,Groningen,Groningen,0,0,abc,1232,77.00\n" +
            $"\"{seen:yyyy-MM-dd HH:mm:ss}\",192.0.2.6,udp,3389,,rdpeudp,64501,NL,Groningen,Groningen,0,0,abd,1232,77.00\n");
        Assert.Equal(0, await Herald("schema", "update", "--from", TestData.SchemaPath));
        Assert.Equal(0, await Herald("registry", "import", registry));
        Assert.Equal(0, await Herald("process", report));

        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        long id;
        await using (var db = runtime.Database.Open())
        {
            var call = await db.CallTasks.SingleAsync();
            id = call.Id;
            Assert.Equal(("+31507654321", "Slagerij De Vries", 2), (call.Phone, call.RecipientName, call.AssetCount));
            Assert.Contains("+31 70 000 00 00", call.ScriptNl, StringComparison.Ordinal);
            Assert.Empty(await db.Notifications.ToListAsync());
            Assert.All(await db.Directives.ToListAsync(), d => Assert.Equal((Route.Direct, id), (d.Route, d.CallTaskId)));
        }

        Assert.Equal(0, await Herald("calls", "list", "--script"));
        Assert.NotEqual(0, await Herald("calls", "record", id.ToString(), "--outcome", "maybe"));
        Assert.Equal(2, await Herald("calls", "record", "999", "--outcome", "reached"));
        Assert.Equal(0, await Herald("calls", "record", id.ToString(), "--outcome", "wrong-number", "--note", "a florist answered", "--by", "analyst-1"));

        await using var check = runtime.Database.Open();
        var recorded = await check.CallTasks.SingleAsync();
        Assert.Equal((CallOutcome.WrongNumber, "a florist answered", "analyst-1", 1), (recorded.Outcome, recorded.Note, recorded.RecordedBy, recorded.Attempts));
        Assert.True(await check.Audit.AnyAsync(a => a.Action == "call.recorded" && a.Subject == $"call {id}" && a.Actor == "analyst-1"));
        // A wrong number is skipped by the fallback chain from now on.
        Assert.Equal("+31507654321", (await check.Set<ContactBounce>().SingleAsync()).Address);
    }

    [Fact]
    public async Task An_operator_marks_an_address_as_bounced()
    {
        Assert.Equal(0, await Herald("contacts", "bounce", "Security@Example.NL", "--reason", "550 5.1.1 unknown"));

        await using var db = new HeraldRuntime(new HeraldOptions { DataDirectory = Data }).Database.Open();
        var bounce = await db.Set<ContactBounce>().SingleAsync();
        Assert.Equal(("security@example.nl", "550 5.1.1 unknown"), (bounce.Address, bounce.Reason));
        Assert.Equal("contact.hard-bounce", (await db.Audit.SingleAsync()).Action);
    }
}

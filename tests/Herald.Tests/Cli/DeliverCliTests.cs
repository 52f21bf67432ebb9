using Herald.Cli;
using Herald.Storage;
using Herald.Tests.Deliver;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Tests.Cli;

/// <summary><c>herald deliver --once</c> and <c>herald cases</c> as an operator types them.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DeliverCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private Task<int> Herald(params string[] args) => HeraldCli.RunAsync([.. args, "--data", Data]);

    [Fact]
    public async Task Deliver_once_writes_each_pending_warning_to_the_pickup_folder_once_and_records_it()
    {
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        await runtime.InitialiseAsync(CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        var warning = await Warnings.AddAsync(runtime.Database, "security@bakkerij-jansen.example", now);

        Assert.Equal(0, await Herald("deliver", "--once"));
        Assert.Equal(0, await Herald("deliver", "--once"));

        var file = Assert.Single(Directory.GetFiles(runtime.Options.PickupDirectory, "*.eml"));
        Assert.Equal(warning.MessageId, MimeMessage.Load(file).MessageId);
        await using var db = runtime.Database.Open();
        var stored = await db.Notifications.AsNoTracking().SingleAsync();
        Assert.Equal((DeliveryStatus.Delivered, 1), (stored.Status, stored.Attempts));
        Assert.Equal(1, await db.DeliveryAttempts.CountAsync(a => a.Succeeded && a.Channel == "pickup-folder"));
    }

    [Fact]
    public async Task Cases_list_follow_up_and_a_missing_case_answer_sensibly()
    {
        Assert.Equal(0, await Herald("cases", "list"));
        Assert.Equal(0, await Herald("cases", "follow-up"));
        Assert.Equal(2, await Herald("cases", "show", "42"));
    }
}

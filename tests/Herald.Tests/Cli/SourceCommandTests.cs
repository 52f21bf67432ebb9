using Herald.Cli;
using Herald.Collect.Upload;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Herald.Tests.Cli;

/// <summary><c>herald source …</c> as an operator types it: sources with criteria, keys shown once, revoked, audited without secrets.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SourceCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");

    private async Task<(int Code, string Output)> HeraldAsync(params string[] args)
    {
        // Plain lines go to Console.Out, tables through Spectre's console: both are captured for this command only.
        var original = Console.Out;
        var originalAnsi = AnsiConsole.Console;
        var output = new StringWriter();
        Console.SetOut(output);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        try
        {
            var code = await HeraldCli.RunAsync([.. args, "--data", Data]);
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
            AnsiConsole.Console = originalAnsi;
        }
    }

    [Fact]
    public async Task An_operator_adds_a_source_makes_a_key_that_works_once_shown_and_revokes_it()
    {
        Assert.Equal(0, (await HeraldAsync("source", "add", "researchers", "--max-age", "7d", "--require", "source.port", "--min-constituency", "0.5")).Code);
        Assert.Equal(0, (await HeraldAsync("source", "add", "researchers", "--reliability", "c")).Code);
        var (created, key) = await HeraldAsync("source", "key", "create", "researchers");
        key = key.Trim();
        Assert.Equal(0, created);
        var keyId = SourceKeys.KeyIdOf(key);
        Assert.NotNull(keyId);

        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        await using (var db = runtime.Database.Open())
        {
            var source = await db.Sources.SingleAsync();
            Assert.Equal(("C", TimeSpan.FromDays(7), 0.5, "source.port"), (source.Reliability, source.MaxAge, source.MinConstituencyShare, source.RequiredFields));
            var stored = await db.SourceKeys.SingleAsync();
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), stored.Hash);
            Assert.Equal("researchers", (await new SourceKeys(runtime.Time).VerifyAsync(db, key, CancellationToken.None))?.Source.Name);
        }

        var (listed, list) = await HeraldAsync("source", "list");
        Assert.Equal(0, listed);
        Assert.Contains(keyId, list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Equal(0, (await HeraldAsync("source", "key", "revoke", keyId!)).Code);
        Assert.Equal(2, (await HeraldAsync("source", "key", "revoke", keyId!)).Code);

        await using (var db = runtime.Database.Open())
        {
            Assert.Null(await new SourceKeys(runtime.Time).VerifyAsync(db, key, CancellationToken.None));
            var audit = await db.Audit.Where(a => a.Action.StartsWith("source.")).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["source.added", "source.changed", "source.key.created", "source.key.revoked"], audit.Select(a => a.Action));
            Assert.All(audit, a => Assert.DoesNotContain(key[16..], a.Detail ?? "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_every_reason_and_nothing_is_added()
    {
        Assert.Equal(2, (await HeraldAsync("source", "add", "x", "--format", "xml", "--reliability", "Z", "--require", "Source Port")).Code);
        Assert.Equal(2, (await HeraldAsync("source", "add", "x", "--max-age", "soon")).Code);
        Assert.Equal(2, (await HeraldAsync("source", "key", "create", "nobody")).Code);
        var runtime = new HeraldRuntime(new HeraldOptions { DataDirectory = Data });
        await using var db = runtime.Database.Open();
        Assert.Equal(0, await db.Sources.CountAsync());
        Assert.Equal(0, await db.SourceKeys.CountAsync());
    }
}

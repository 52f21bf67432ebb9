using Herald.Decide.Rules;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Decide;

public sealed class RuleSetProviderTests
{
    private const string Good = "rules:\n  - id: all-direct\n    route: direct\n    reason: everything direct\n";

    [Fact]
    public async Task Without_rule_files_the_shipped_rules_are_in_force_as_version_1()
    {
        await using var temp = await TempDatabase.CreateAsync();
        using var provider = new RuleSetProvider(temp.Database, Path.Combine(temp.Path, "rules"), new TestTime(Decisions.Now));

        var rules = await provider.GetAsync(CancellationToken.None);

        Assert.Equal(Decisions.Shipped.Hash, rules.Hash);
        Assert.Equal(1, rules.Sequence);
    }

    [Fact]
    public async Task A_broken_file_never_replaces_the_rules_in_force_and_a_fixed_one_does()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var dir = Directory.CreateDirectory(Path.Combine(temp.Path, "rules")).FullName;
        var file = Path.Combine(dir, "local.yaml");
        await File.WriteAllTextAsync(file, Good);
        using var provider = new RuleSetProvider(temp.Database, dir, new TestTime(Decisions.Now));
        var first = await provider.GetAsync(CancellationToken.None);

        await File.WriteAllTextAsync(file, "rules:\n  - id: broken\n    route: direct\n    when: { colour: red }\n    reason: r\n");
        var rejected = await provider.ReloadAsync("alice", CancellationToken.None);

        Assert.Equal(RuleReloadStatus.Rejected, rejected.Status);
        var problem = Assert.Single(rejected.Problems);
        Assert.Equal(("local.yaml", 4, 13), (problem.File, problem.Line, problem.Column));
        Assert.Same(first, provider.Current);
        Assert.Same(first, rejected.Current);

        await File.WriteAllTextAsync(file, Good.Replace("everything direct", "all of it direct", StringComparison.Ordinal));
        var loaded = await provider.ReloadAsync("alice", CancellationToken.None);

        Assert.Equal(RuleReloadStatus.Loaded, loaded.Status);
        Assert.Equal(2, loaded.Current!.Sequence);
        Assert.NotEqual(first.Hash, loaded.Current.Hash);
        Assert.Equal(RuleReloadStatus.Unchanged, (await provider.ReloadAsync("alice", CancellationToken.None)).Status);

        await using var db = temp.Database.Open();
        var actions = await db.Audit.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["rules.changed", "rules.rejected", "rules.changed"], actions);
        Assert.Equal(2, await db.RuleSetRevisions.CountAsync());
    }

    [Fact]
    public async Task Test_suites_beside_the_rules_are_not_loaded_as_rules()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "local.yaml"), Good);
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "local.suite.yaml"), "cases: []\n");

        var (sources, problems) = RuleSetProvider.ReadSources(dir.Path);

        Assert.Empty(problems);
        Assert.Equal(["local.yaml"], sources.Select(s => s.Name));
    }
}

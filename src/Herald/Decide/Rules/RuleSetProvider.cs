using System.Reflection;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Decide.Rules;

/// <summary>
/// The rule set in force: the files in <c>&lt;data&gt;/rules/*.yaml</c> (test suites, <c>*.suite.yaml</c>, aside), or the
/// shipped set when there are none. A reload that finds a problem keeps the working set and records why; a
/// reload that finds new content records a new revision and an audit entry.
/// </summary>
public sealed class RuleSetProvider(HeraldDatabase database, string directory, TimeProvider time) : IDisposable
{
    public const string SuiteSuffix = ".suite.yaml";

    /// <summary>A rule file larger than this is refused, not read.</summary>
    public const long MaxFileBytes = 1 << 20;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile RuleSet? _current;

    public string Directory => directory;

    /// <summary>The rule set in force, or null before the first successful load.</summary>
    public RuleSet? Current => _current;

    /// <summary>The rule set in force, loading it on first use; a broken first load is bad configuration and throws.</summary>
    public async Task<RuleSet> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current) return current;
        var reload = await ReloadAsync("herald", cancellationToken);
        return reload.Current ?? throw new UserException(
            "The rule files have problems, so nothing can be decided:\n" + string.Join('\n', reload.Problems));
    }

    /// <summary>Reads the files again; a new valid version replaces the one in force, anything else leaves it.</summary>
    public async Task<RuleReload> ReloadAsync(string actor, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (sources, readProblems) = ReadSources(directory);
            if (readProblems.Count == 0 && _current is { } current && current.Hash == RuleSetLoader.HashOf(sources))
                return new RuleReload(RuleReloadStatus.Unchanged, current, []);
            var result = readProblems.Count > 0 ? new RuleLoadResult(null, readProblems) : RuleSetLoader.Load(sources);
            await using var db = database.Open();
            if (result.RuleSet is not { } loaded)
            {
                db.Audit.Add(new AuditEntry
                {
                    At = time.GetUtcNow(),
                    Actor = actor,
                    Action = "rules.rejected",
                    Subject = directory,
                    Detail = $"{result.Problems.Count} problem(s), version {_current?.Version ?? "none"} stays in force:\n" +
                        string.Join('\n', result.Problems.Take(20)),
                });
                await db.SaveChangesAsync(cancellationToken);
                return new RuleReload(RuleReloadStatus.Rejected, _current, result.Problems);
            }
            var sequence = await RecordAsync(db, loaded, actor, cancellationToken);
            _current = loaded.WithSequence(sequence);
            return new RuleReload(RuleReloadStatus.Loaded, _current, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks the files every <paramref name="interval"/> until cancelled (the web host's workers run this).</summary>
    public async Task WatchAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
            await ReloadAsync("rules-watcher", cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The rule files of a folder in name order, or the shipped set when it has none.</summary>
    public static (IReadOnlyList<RuleSource> Sources, IReadOnlyList<RuleProblem> Problems) ReadSources(string directory)
    {
        var files = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, "*.yaml").Where(f => !f.EndsWith(SuiteSuffix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0) return (Shipped(), []);
        var sources = new List<RuleSource>();
        var problems = new List<RuleProblem>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (new FileInfo(file).Length > MaxFileBytes) problems.Add(new RuleProblem(name, 1, 1, $"the file is larger than {MaxFileBytes} bytes"));
            else sources.Add(new RuleSource(name, File.ReadAllText(file)));
        }
        return (sources, problems);
    }

    /// <summary>The shipped default rule set.</summary>
    public static IReadOnlyList<RuleSource> Shipped() => [new RuleSource("default.yaml", ShippedText("default.yaml"))];

    /// <summary>A shipped file (the default rules, their test suite) by name.</summary>
    public static string ShippedText(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Herald.Decide.Rules." + name)
            ?? throw new InvalidOperationException($"The shipped rule file {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task<int> RecordAsync(HeraldDb db, RuleSet rules, string actor, CancellationToken cancellationToken)
    {
        var known = await db.Set<RuleSetRevision>().Where(r => r.Hash == rules.Hash).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        var revision = new RuleSetRevision
        {
            Hash = rules.Hash,
            Files = string.Join('\n', rules.Sources.Select(s => s.Name)),
            Content = string.Concat(rules.Sources.Select(s => $"# file: {s.Name}\n{s.Text}\n")),
            LoadedAt = now,
            LoadedBy = actor,
        };
        if (known is null) db.Set<RuleSetRevision>().Add(revision);
        await db.SaveChangesAsync(cancellationToken);
        var sequence = known ?? revision.Id;
        db.Audit.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = known is null ? "rules.changed" : "rules.loaded",
            Subject = $"rule set {sequence}:{rules.Hash[..12]}",
            Detail = $"{rules.Count} rule(s) from {revision.Files.Replace('\n', ',')}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return sequence;
    }
}

using Herald.Decide.Rules;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Decide.Suppress;

/// <summary>The active inhibitions, compiled; the first that matches an event applies.</summary>
public sealed class InhibitionSet
{
    private readonly List<(Inhibition Inhibition, Func<DecisionFacts, bool>[] Conditions)> _active = [];

    public InhibitionSet(IEnumerable<Inhibition> inhibitions)
    {
        foreach (var i in inhibitions)
        {
            // Stored inhibitions were validated when added; one that no longer compiles (a field renamed) never matches.
            var problems = new List<RuleProblem>();
            if (RuleSetLoader.LoadCondition(i.Condition, $"inhibition {i.Id}", problems) is { } conditions) _active.Add((i, conditions));
        }
    }

    public static InhibitionSet Empty { get; } = new([]);

    public int Count => _active.Count;

    public static async Task<InhibitionSet> LoadAsync(HeraldDb db, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(await db.Set<Inhibition>().AsNoTracking().Where(i => i.RemovedAt == null && i.ExpiresAt > now).OrderBy(i => i.Id).ToListAsync(cancellationToken));

    /// <summary>Checks a condition before it is stored: the problems, each with line and column (none when valid).</summary>
    public static IReadOnlyList<RuleProblem> Validate(string condition)
    {
        var problems = new List<RuleProblem>();
        RuleSetLoader.LoadCondition(condition, "condition", problems);
        return problems;
    }

    internal Inhibition? Match(DecisionFacts facts)
    {
        foreach (var (inhibition, conditions) in _active)
        {
            var all = true;
            foreach (var c in conditions)
                if (!c(facts)) { all = false; break; }
            if (all) return inhibition;
        }
        return null;
    }
}

using Herald.Decide.Rules;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Decide.Suppress;

/// <summary>Adds, lists and removes inhibitions, each change with an audit entry.</summary>
public sealed class InhibitionRegistry(TimeProvider time)
{
    /// <summary>Adds an inhibition; returns it, or the problems of its condition (with line and column) or of its other values.</summary>
    public async Task<(Inhibition? Inhibition, IReadOnlyList<RuleProblem> Problems)> AddAsync(HeraldDb db, string condition, string reason,
        string owner, DateTimeOffset expiresAt, bool hold, CancellationToken cancellationToken)
    {
        var problems = InhibitionSet.Validate(condition).ToList();
        var now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(reason)) problems.Add(new RuleProblem("inhibition", 1, 1, "a reason is required"));
        if (expiresAt <= now) problems.Add(new RuleProblem("inhibition", 1, 1, $"the expiry {expiresAt:yyyy-MM-dd HH:mm} is not in the future"));
        if (problems.Count > 0) return (null, problems);
        var inhibition = new Inhibition
        {
            Condition = condition.Trim(),
            Reason = reason.Trim(),
            Owner = owner,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Hold = hold,
        };
        db.Inhibitions.Add(inhibition);
        await db.SaveChangesAsync(cancellationToken);
        Audit(db, owner, "inhibition.added", inhibition, $"{(hold ? "hold" : "suppress")} until {expiresAt:yyyy-MM-dd HH:mm}: {inhibition.Condition} ({inhibition.Reason})");
        await db.SaveChangesAsync(cancellationToken);
        return (inhibition, []);
    }

    public static Task<List<Inhibition>> ListAsync(HeraldDb db, bool all, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Inhibitions.AsNoTracking().Where(i => all || (i.RemovedAt == null && i.ExpiresAt > now)).OrderBy(i => i.Id).ToListAsync(cancellationToken);

    /// <summary>Ends an inhibition now; false when there is no such active inhibition.</summary>
    public async Task<bool> RemoveAsync(HeraldDb db, long id, string analyst, CancellationToken cancellationToken)
    {
        var inhibition = await db.Inhibitions.FirstOrDefaultAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken);
        if (inhibition is null) return false;
        inhibition.RemovedAt = time.GetUtcNow();
        inhibition.RemovedBy = analyst;
        Audit(db, analyst, "inhibition.removed", inhibition, inhibition.Condition);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private void Audit(HeraldDb db, string actor, string action, Inhibition inhibition, string detail) => db.Audit.Add(new AuditEntry
    {
        At = time.GetUtcNow(),
        Actor = actor,
        Action = action,
        Subject = $"inhibition {inhibition.Id}",
        Detail = detail,
    });
}

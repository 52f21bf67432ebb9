using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Decide.Suppress;

/// <summary>Releases deferred directives whose recipient limit has passed, so the next warning aggregates them all.</summary>
public static class DeferredRelease
{
    public static Task<int> ReleaseDueAsync(HeraldDb db, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Directives.Where(d => d.Route == Route.Deferred && d.NotBefore <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Route, d => d.ProposedRoute ?? Route.HoldForReview), cancellationToken);
}

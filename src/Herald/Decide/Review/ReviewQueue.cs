using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Decide.Review;

/// <summary>
/// The four-eyes queue: held directives are grouped into items after a report is decided; an analyst other
/// than the author of the holding rule or inhibition approves (the directives go on to notification) or
/// rejects (they are discarded), always with a reason.
/// </summary>
public sealed class ReviewQueue(TimeProvider time)
{
    /// <summary>Puts the report's held directives that are not queued yet into items; returns how many items were made.</summary>
    public async Task<int> EnqueueAsync(HeraldDb db, long reportId, CancellationToken cancellationToken)
    {
        var groups = await db.Directives
            .Where(d => d.ReportId == reportId && d.Route == Route.HoldForReview && d.ReviewItemId == null)
            .GroupBy(d => new { d.ProposedRoute, d.RecipientEmail, d.HeldBy })
            .Select(g => new
            {
                g.Key.ProposedRoute,
                g.Key.RecipientEmail,
                g.Key.HeldBy,
                Author = g.Max(d => d.HeldByAuthor),
                Name = g.Max(d => d.RecipientName),
                Partner = g.Max(d => d.PartnerCode),
                Reasons = g.Min(d => d.Reasons),
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var g in groups)
        {
            var item = new ReviewItem
            {
                ReportId = reportId,
                ProposedRoute = g.ProposedRoute,
                RecipientEmail = g.RecipientEmail,
                RecipientName = g.Name,
                PartnerCode = g.Partner,
                HeldBy = g.HeldBy ?? "(unknown)",
                HeldByAuthor = g.Author,
                Reasons = g.Reasons ?? "",
                DirectiveCount = g.Count,
                CreatedAt = now,
            };
            db.ReviewItems.Add(item);
            await db.SaveChangesAsync(cancellationToken);
            await db.Directives
                .Where(d => d.ReportId == reportId && d.Route == Route.HoldForReview && d.ReviewItemId == null
                    && d.ProposedRoute == g.ProposedRoute && d.RecipientEmail == g.RecipientEmail && d.HeldBy == g.HeldBy)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.ReviewItemId, item.Id), cancellationToken);
        }
        return groups.Count;
    }

    public static Task<List<ReviewItem>> ListAsync(HeraldDb db, bool all, CancellationToken cancellationToken) =>
        db.ReviewItems.AsNoTracking().Where(i => all || i.State == ReviewState.Pending).OrderBy(i => i.Id).ToListAsync(cancellationToken);

    /// <summary>Approves or rejects an item; refused when it is decided already, has no reason, or the analyst wrote what held it.</summary>
    public async Task<ReviewOutcome> DecideAsync(HeraldDb db, long id, bool approve, string analyst, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(analyst)) return new ReviewOutcome(false, "an analyst must be named (--analyst or HERALD_ANALYST)", null);
        if (string.IsNullOrWhiteSpace(reason)) return new ReviewOutcome(false, "a reason is required", null);
        var item = await db.ReviewItems.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null) return new ReviewOutcome(false, $"review item {id} does not exist", null);
        if (item.State != ReviewState.Pending)
            return new ReviewOutcome(false, $"review item {id} was {item.State.ToString().ToLowerInvariant()} by {item.DecidedBy} already", item);
        if (item.HeldByAuthor is { } author && string.Equals(author.Trim(), analyst.Trim(), StringComparison.OrdinalIgnoreCase))
            return new ReviewOutcome(false, $"four eyes: {analyst} wrote {item.HeldBy}, which held this item; another analyst must decide", item);
        if (approve && (item.ProposedRoute is null || item.RecipientEmail is null))
            return new ReviewOutcome(false, $"review item {id} has no recipient to release to; reject it, or add the recipient to the registry and process the report again", item);

        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var directives = db.Directives.Where(d => d.ReviewItemId == id && d.Route == Route.HoldForReview);
        var released = approve
            ? await directives.ExecuteUpdateAsync(u => u.SetProperty(d => d.Route, item.ProposedRoute!.Value), cancellationToken)
            : await directives.ExecuteUpdateAsync(u => u.SetProperty(d => d.Route, Route.Discard), cancellationToken);
        item.State = approve ? ReviewState.Approved : ReviewState.Rejected;
        item.DecidedBy = analyst.Trim();
        item.DecidedAt = now;
        item.DecisionReason = reason.Trim();
        db.Audit.Add(new AuditEntry
        {
            At = now,
            Actor = item.DecidedBy,
            Action = approve ? "review.approved" : "review.rejected",
            Subject = $"review item {id}",
            Detail = $"{released} directive(s) held by {item.HeldBy}{(approve ? $" released to {item.ProposedRoute} {item.RecipientEmail}" : " discarded")}: {item.DecisionReason}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new ReviewOutcome(true, approve ? $"{released} directive(s) released to {item.RecipientEmail}" : $"{released} directive(s) discarded", item);
    }
}

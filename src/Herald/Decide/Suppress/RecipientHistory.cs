using Herald.Decide.Rules;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Decide.Suppress;

/// <summary>The messages each recipient received within the limit's window: what the per-recipient limit counts.</summary>
public sealed class RecipientHistory(IReadOnlyDictionary<string, List<DateTimeOffset>> sent)
{
    public static RecipientHistory Empty { get; } = new(new Dictionary<string, List<DateTimeOffset>>());

    public static async Task<RecipientHistory> LoadAsync(HeraldDb db, RecipientLimit? limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (limit is null) return Empty;
        var since = now - limit.Per;
        var rows = await db.Notifications.AsNoTracking().Where(n => n.CreatedAt > since)
            .Select(n => new { n.RecipientEmail, n.CreatedAt }).ToListAsync(cancellationToken);
        var sent = new Dictionary<string, List<DateTimeOffset>>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            if (!sent.TryGetValue(r.RecipientEmail, out var list)) sent[r.RecipientEmail] = list = [];
            list.Add(r.CreatedAt);
        }
        return new RecipientHistory(sent);
    }

    /// <summary>When the recipient may get its next message under the limit, or null when it may now.</summary>
    public DateTimeOffset? NextAllowed(string recipient, RecipientLimit limit, DateTimeOffset now)
    {
        if (!sent.TryGetValue(recipient, out var times)) return null;
        var within = times.Where(t => now - t < limit.Per).Order().ToList();
        return within.Count < limit.Messages ? null : within[within.Count - limit.Messages] + limit.Per;
    }
}

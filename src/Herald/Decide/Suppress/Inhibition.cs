namespace Herald.Decide.Suppress;

/// <summary>An analyst's decision to hold back warnings that match a condition until a date: a known case, a false positive, an organisation handled out of band.</summary>
public sealed class Inhibition
{
    public long Id { get; set; }

    /// <summary>The condition, written as a rule's <c>when</c> (YAML mapping of field: test).</summary>
    public required string Condition { get; set; }

    public required string Reason { get; set; }

    /// <summary>The analyst who made it; that analyst cannot approve what it held for review.</summary>
    public required string Owner { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>True: matching directives wait for review; false: they are suppressed (counted, not warned).</summary>
    public bool Hold { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }

    public bool IsActive(DateTimeOffset now) => RemovedAt is null && ExpiresAt > now;
}

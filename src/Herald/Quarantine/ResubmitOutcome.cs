namespace Herald.Quarantine;

/// <summary>What resubmitting one corrected rejection gave: an event (new, or already stored), or a new reason to reject it.</summary>
public sealed record ResubmitOutcome(long RejectionId, long Line, bool Resolved, long? EventId, string Detail);

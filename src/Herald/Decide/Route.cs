namespace Herald.Decide;

/// <summary>Where a warning about an event goes.</summary>
public enum Route
{
    Discard,
    Direct,
    NationalCsirt,
    Partner,
    NetworkOwner,
    HoldForReview,

    /// <summary>Held back by a suppression (a duplicate, an inhibition, a rule); counted, not warned.</summary>
    Suppressed,

    /// <summary>Waiting until the recipient's message limit allows another message; then aggregated.</summary>
    Deferred,
}

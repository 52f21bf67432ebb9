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
}

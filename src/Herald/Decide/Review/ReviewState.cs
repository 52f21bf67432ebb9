namespace Herald.Decide.Review;

/// <summary>Where a review item stands.</summary>
public enum ReviewState
{
    Pending,
    Approved,
    Rejected,
}

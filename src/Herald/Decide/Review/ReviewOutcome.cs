namespace Herald.Decide.Review;

/// <summary>The result of approving or rejecting: done, or refused with the reason.</summary>
public sealed record ReviewOutcome(bool Done, string Message, ReviewItem? Item);

namespace Herald.Decide;

/// <summary>Who a route reaches: the recipient, or (when <see cref="Email"/> is null) why nobody could be found.</summary>
public sealed record RecipientChoice(string? Email, string? Name, string? PartnerCode, string? Problem);

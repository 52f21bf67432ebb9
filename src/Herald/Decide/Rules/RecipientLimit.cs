namespace Herald.Decide.Rules;

/// <summary>At most <paramref name="Messages"/> messages per recipient within <paramref name="Per"/>; the rest waits and is aggregated.</summary>
public sealed record RecipientLimit(int Messages, TimeSpan Per);

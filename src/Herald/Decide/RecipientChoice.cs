namespace Herald.Decide;

/// <summary>Who a route reaches: the recipient, or (when <see cref="Email"/> is null) why nobody could be found.</summary>
public sealed record RecipientChoice(string? Email, string? Name, string? PartnerCode, string? Problem)
{
    /// <summary>The phone number to call when the chosen contact is a phone (an analyst gets a call task).</summary>
    public string? Phone { get; init; }

    /// <summary>The fallback chain behind the choice: the chosen contact and the alternatives.</summary>
    public Contacts.RecipientChoice? Chain { get; init; }

    /// <summary>Set when the chain ended at the network owner although the rules asked for a direct warning.</summary>
    public Route? Reroute { get; init; }

    /// <summary>How the recipient is reached: the e-mail address or, failing that, the phone number.</summary>
    public string? Address => Email ?? Phone;
}

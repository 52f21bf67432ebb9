namespace Herald.Contacts;

/// <summary>The outcome of the fallback chain for one event: the chosen contact (if any) and every other contact, in chain order.</summary>
public sealed record RecipientChoice(DiscoveredContact? Chosen, IReadOnlyList<ContactChoice> Contacts)
{
    public static RecipientChoice None { get; } = new(null, []);

    /// <summary>True when the chosen contact is the organisation's own (security.txt or registry), not the network owner's.</summary>
    public bool IsOrganisations => Chosen?.Source is ContactSource.SecurityTxt or ContactSource.Registry;

    /// <summary>The contacts as stored with the directive: one line each (made once; many events share one choice).</summary>
    public string Text { get; } = string.Join('\n', Contacts);
}

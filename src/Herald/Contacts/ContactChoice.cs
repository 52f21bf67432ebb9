namespace Herald.Contacts;

/// <summary>One contact of the fallback chain as weighed for a directive: chosen, an alternative, or skipped with the reason.</summary>
public sealed record ContactChoice(DiscoveredContact Contact, ContactStatus Status, string? Note)
{
    /// <summary>One line for the directive and the web page: status, address, where it came from, when verified, why skipped.</summary>
    public override string ToString() =>
        $"{Status.ToString().ToLowerInvariant()}: {Contact.Address} ({Contact.Kind.ToString().ToLowerInvariant()}, {Describe(Contact.Source)}: {Contact.Origin}"
        + (Contact.VerifiedAt is { } at ? $", verified {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : ", never verified")
        + ")" + (Note is null ? "" : " " + Note);

    public static string Describe(ContactSource source) => source switch
    {
        ContactSource.SecurityTxt => "security.txt",
        ContactSource.Registry => "registry",
        ContactSource.Rdap => "RDAP abuse contact",
        ContactSource.RipeDatabase => "RIPE database abuse-mailbox",
        ContactSource.NetworkOwner => "network owner table",
        _ => source.ToString(),
    };
}

/// <summary>What became of a contact in the fallback chain.</summary>
public enum ContactStatus
{
    Chosen,
    Alternative,
    Bounced,
}

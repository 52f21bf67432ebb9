namespace Herald.Contacts;

/// <summary>An e-mail address or phone number with where it came from (<paramref name="Origin"/>: a URL, handle or file) and when it was last seen valid.</summary>
public sealed record DiscoveredContact(string Address, ContactKind Kind, ContactSource Source, string Origin, DateTimeOffset? VerifiedAt)
{
    public override string ToString() => $"{Address} ({Source}: {Origin})";
}

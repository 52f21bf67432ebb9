namespace Herald.Contacts;

/// <summary>
/// A DNS lookup as recorded: the name asked, the values found (addresses or host names), and the problem when it
/// failed (timeout, no such name, server failure), so a failed lookup is kept, not thrown away.
/// </summary>
public sealed record DnsAnswer(string Query, IReadOnlyList<string> Values, string? Problem, DateTimeOffset AnsweredAt, DateTimeOffset ExpiresAt)
{
    public bool Succeeded => Problem is null;
}

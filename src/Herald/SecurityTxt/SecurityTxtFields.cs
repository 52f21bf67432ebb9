namespace Herald.SecurityTxt;

/// <summary>The fields of a security.txt file (RFC 9116 section 2.5, plus CSAF), in file order; fields that fail validation are kept as written.</summary>
public sealed record SecurityTxtFields
{
    public IReadOnlyList<string> Contact { get; init; } = [];

    /// <summary>The first Expires value as written.</summary>
    public string? ExpiresText { get; init; }

    /// <summary>The first Expires value as a time, when it could be read at all.</summary>
    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyList<string> Encryption { get; init; } = [];
    public IReadOnlyList<string> Acknowledgments { get; init; } = [];

    /// <summary>The language tags of the (first) Preferred-Languages field.</summary>
    public IReadOnlyList<string> PreferredLanguages { get; init; } = [];

    public IReadOnlyList<string> Canonical { get; init; } = [];
    public IReadOnlyList<string> Policy { get; init; } = [];
    public IReadOnlyList<string> Hiring { get; init; } = [];
    public IReadOnlyList<string> Csaf { get; init; } = [];

    /// <summary>Fields RFC 9116 does not define, name in lower case.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Other { get; init; } = [];

    /// <summary>The e-mail addresses of the mailto: contacts, in the file's order of preference.</summary>
    public IReadOnlyList<string> ContactEmails =>
    [
        .. Contact
            .Where(c => c.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            .Select(c => Uri.UnescapeDataString(c[7..].Split('?')[0]))
            .Where(a => a.Contains('@', StringComparison.Ordinal)),
    ];
}

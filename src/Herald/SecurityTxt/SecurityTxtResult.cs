namespace Herald.SecurityTxt;

/// <summary>Everything learnt about one domain's security.txt: where it was, its fields, sectxt's three lists of problems, and the signature.</summary>
public sealed record SecurityTxtResult
{
    /// <summary>What was asked for: a domain, a URL's authority, or a file name.</summary>
    public required string Target { get; init; }

    public SecurityTxtLocation Location { get; init; }

    /// <summary>The URL the file was fetched from (the first of the redirect chain), null when not fetched.</summary>
    public Uri? Url { get; init; }

    /// <summary>The URL that finally answered, after redirects.</summary>
    public Uri? FinalUrl { get; init; }

    public SecurityTxtFields Fields { get; init; } = new();
    public IReadOnlyList<SecurityTxtProblem> Errors { get; init; } = [];
    public IReadOnlyList<SecurityTxtProblem> Recommendations { get; init; } = [];
    public IReadOnlyList<SecurityTxtProblem> Notifications { get; init; } = [];
    public SignatureCheck Signature { get; init; } = SignatureCheck.NotSigned;

    /// <summary>Every URL tried, in order, with what it gave.</summary>
    public IReadOnlyList<SecurityTxtAttempt> Attempts { get; init; } = [];

    public DateTimeOffset CheckedAt { get; init; }

    public bool Found => Location != SecurityTxtLocation.NotFound;

    /// <summary>Valid as sectxt means it: no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}

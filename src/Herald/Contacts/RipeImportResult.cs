namespace Herald.Contacts;

/// <summary>What an import of RIPE database split files did: objects per class, networks that got an abuse mailbox, and the problems (file, line, reason).</summary>
public sealed record RipeImportResult(
    IReadOnlyDictionary<string, long> Imported,
    long NetworksWithAbuseMailbox,
    long NetworksWithout,
    IReadOnlyList<string> Problems,
    long ProblemCount);

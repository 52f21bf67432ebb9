namespace Herald.Collect;

/// <summary>The settings of one kind of collector.</summary>
public abstract record CollectorSettings;

/// <summary>A watched folder; <see cref="Settle"/> is the wait between the two looks that must agree.</summary>
public sealed record FolderSettings(string Path, TimeSpan Settle) : CollectorSettings;

/// <summary>An IMAP mailbox; a message is moved to <see cref="MoveTo"/> when set, otherwise flagged \Seen plus <see cref="Keyword"/>.</summary>
public sealed record ImapSettings(
    string Host, int Port, ImapTls Tls, string Username, SecretReference Password, string Folder, string Keyword, string? MoveTo,
    string FailedKeyword) : CollectorSettings;

/// <summary>Shadowserver's reports API: the lists (<see cref="Reports"/>) and report types to fetch, <see cref="Days"/> back.</summary>
public sealed record ShadowserverApiSettings(
    Uri Url, SecretReference ApiKey, SecretReference Secret, IReadOnlyList<string> Reports, IReadOnlyList<string> Types, int Days)
    : CollectorSettings;

/// <summary>An HTTPS URL pulled with ETag / If-Modified-Since; <see cref="FileName"/> names what it returns.</summary>
public sealed record HttpsSettings(Uri Url, string? FileName) : CollectorSettings;

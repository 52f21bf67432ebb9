namespace Herald.Collect;

/// <summary>The ways a collector fetches reports.</summary>
public enum CollectorKind
{
    Folder,
    Imap,
    ShadowserverApi,
    Https,
}

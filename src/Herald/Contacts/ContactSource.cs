namespace Herald.Contacts;

/// <summary>Where a contact was found; the order of the fallback chain follows this order.</summary>
public enum ContactSource
{
    /// <summary>The security.txt file (RFC 9116) of one of the organisation's domains.</summary>
    SecurityTxt,

    /// <summary>The organisation registry.</summary>
    Registry,

    /// <summary>The abuse contact of the IP network or AS, found over RDAP.</summary>
    Rdap,

    /// <summary>The abuse mailbox of the IP network, from the imported RIPE database split files.</summary>
    RipeDatabase,

    /// <summary>The configured network owner of the AS (the NetworkOwners table).</summary>
    NetworkOwner,
}

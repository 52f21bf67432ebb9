namespace Herald.Deliver;

/// <summary>What one try at handing a message over came to.</summary>
public enum SendOutcome
{
    /// <summary>Accepted by the relay (or written to the pickup folder).</summary>
    Delivered,

    /// <summary>A 4xx reply or a connection fault: try again later.</summary>
    Temporary,

    /// <summary>A 5xx reply: trying again will not help.</summary>
    Permanent,
}

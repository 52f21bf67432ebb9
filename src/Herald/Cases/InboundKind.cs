namespace Herald.Cases;

/// <summary>What a message in the bounce and reply mailbox is.</summary>
public enum InboundKind
{
    /// <summary>A delivery status notification with a permanent failure (5.x.x).</summary>
    HardBounce,

    /// <summary>A delivery status notification with a temporary failure or delay (4.x.x).</summary>
    SoftBounce,

    /// <summary>A delivery status notification that reports success or relaying: nothing to do.</summary>
    DeliveryReport,

    /// <summary>An automatic answer: out of office, ticket confirmation.</summary>
    AutoReply,

    /// <summary>A person answered.</summary>
    Reply,
}

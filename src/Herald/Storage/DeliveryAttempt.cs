namespace Herald.Storage;

/// <summary>One try at delivering a notification, and what came of it.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }
    public long NotificationId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Channel { get; set; }
    public bool Succeeded { get; set; }

    /// <summary>The address this attempt went to (a hard bounce moves a notification to the next contact).</summary>
    public string? Recipient { get; set; }

    /// <summary>The SMTP reply code, when the server gave one.</summary>
    public int? ReplyCode { get; set; }

    public required string Detail { get; set; }
}

namespace Herald.Storage;

/// <summary>One try at delivering a notification, and what came of it.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }
    public long NotificationId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Channel { get; set; }
    public bool Succeeded { get; set; }
    public required string Detail { get; set; }
}

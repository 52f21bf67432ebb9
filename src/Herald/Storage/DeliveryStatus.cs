namespace Herald.Storage;

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

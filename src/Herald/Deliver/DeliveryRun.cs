namespace Herald.Deliver;

/// <summary>What one run of the outbox did.</summary>
public sealed record DeliveryRun(int Delivered, int Retrying, int Failed)
{
    public int Tried => Delivered + Retrying + Failed;
}

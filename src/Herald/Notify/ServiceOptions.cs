namespace Herald.Notify;

/// <summary>How the service presents itself in every warning: fixed sender, published phone number, verification page.</summary>
public sealed record ServiceOptions
{
    public string Name { get; init; } = "Herald";
    public string SenderAddress { get; init; } = "waarschuwingen@herald.example";
    public string SenderName { get; init; } = "Herald waarschuwingsdienst";
    public string PhoneNumber { get; init; } = "+31 70 000 00 00";
    public string VerifyUrl { get; init; } = "https://herald.example/verify";
    public string ReferencePrefix { get; init; } = "HRLD";

    /// <summary>Assets listed in the text; all of them go into a CSV attachment beyond this number.</summary>
    public int MaxAssetsInText { get; init; } = 25;
}

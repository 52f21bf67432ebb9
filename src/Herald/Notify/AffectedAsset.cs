namespace Herald.Notify;

/// <summary>One line in a warning: an affected system as the report saw it.</summary>
public sealed record AffectedAsset(
    string? Ip,
    int? Port,
    string? Transport,
    string? HostName,
    DateTimeOffset? SeenAt,
    string? Identifier,
    string? Type,
    string? Feed,
    IReadOnlyList<string> Vulnerabilities,
    string? Organisation = null);

namespace Herald.Notify;

/// <summary>What a layout template sees (in Liquid with snake_case names: <c>service.phone_number</c>, <c>groups</c>, ...).</summary>
public sealed record WarningModel(
    string Language,
    bool Multilingual,
    ServiceModel Service,
    RecipientModel Recipient,
    string Route,
    string? Member,
    string Reference,
    string VerificationCode,
    IReadOnlyList<IssueModel> Groups,
    int AssetTotal,
    bool Attachment,
    string? AttachmentName);

/// <summary>How the service presents itself: fixed sender, published phone number, verification page.</summary>
public sealed record ServiceModel(string Name, string SenderName, string SenderAddress, string PhoneNumber, string VerifyUrl, string WebsiteUrl);

/// <summary>Who receives the warning.</summary>
public sealed record RecipientModel(string? Name, string Email, string Domain);

/// <summary>One kind of issue in a warning: its texts from the issue template and the assets it concerns.</summary>
public sealed record IssueModel(
    string Key,
    string Title,
    string Seen,
    string Why,
    string Todo,
    IReadOnlyList<string> TodoSteps,
    IReadOnlyList<AssetModel> Assets,
    int AssetCount,
    int More,
    IReadOnlyList<int> Ports);

/// <summary>One affected asset as templates show it; times already formatted (UTC).</summary>
public sealed record AssetModel(
    string? Ip,
    int? Port,
    string? Transport,
    string? Hostname,
    string? SeenAt,
    string? Vulnerabilities,
    string? Organisation,
    string? Identifier);

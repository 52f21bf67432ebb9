namespace Herald.Notify;

/// <summary>A made-up warning that every template is rendered with when it is linted.</summary>
internal static class SampleWarning
{
    public const string Reference = "HRLD-2026-000123";
    public const string Code = "K7PQ2MXA";

    /// <summary>When the sample warning is made: a template's <c>"now"</c> while it is linted.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);

    public static WarningModel Model(ServiceOptions service)
    {
        IReadOnlyList<AssetModel> assets =
        [
            new("192.0.2.10", 3389, "tcp", "rdp.voorbeeld.example", "2026-11-01 03:12", "CVE-2019-0708", "Voorbeeld B.V., KvK 12345678", "open-rdp"),
            new("2001:db8::10", 445, "tcp", null, "2026-11-01 04:40", null, null, "open-smb"),
        ];
        var group = new IssueModel("open-rdp", "Remote Desktop (RDP) is vanaf internet bereikbaar", "Wij zagen een open dienst.",
            "Aanvallers proberen wachtwoorden te raden.", "- Sluit de dienst af.\n- Vraag uw IT-leverancier om hulp.",
            ["Sluit de dienst af.", "Vraag uw IT-leverancier om hulp."], assets, assets.Count, 1, [445, 3389]);
        return new WarningModel("nl", true, ServiceModelOf(service), new RecipientModel("Voorbeeld B.V.", "security@voorbeeld.example", "voorbeeld.example"),
            "direct", null, Reference, Code, [group], assets.Count + 1, true, Reference + "-systemen-systems.csv");
    }

    public static ServiceModel ServiceModelOf(ServiceOptions service) =>
        new(service.Name, service.SenderName, service.SenderAddress, service.PhoneNumber, service.VerifyUrl, service.WebsiteUrl);

    /// <summary>What the text and HTML layouts must show so the reader can check the message is genuine.</summary>
    public static IEnumerable<(string What, string Value)> MustShow(ServiceOptions service, WarningModel model) =>
    [
        ("the reference", model.Reference),
        ("the verification code", model.VerificationCode),
        ("the fixed sender address", service.SenderAddress),
        ("the published phone number", service.PhoneNumber),
        ("the verification page", service.VerifyUrl),
    ];
}

using Herald.Decide;
using Herald.Deliver;
using Herald.Notify;
using Herald.Storage;
using Herald.Tests.Support;

namespace Herald.Tests.Deliver;

/// <summary>Stored warnings for delivery tests, with a real text in Dutch and English.</summary>
internal static class Warnings
{
    public static readonly ServiceOptions Service = new();

    private static readonly WarningComposer Composer = new(Service, templateDirectory: null);

    /// <summary>The message factory without signing keys.</summary>
    public static WarningMessageFactory Messages() =>
        new(Service, new Herald.Signing.MessageSigning(null, null, new MimeKit.MailboxAddress(Service.SenderName, Service.SenderAddress), encrypt: false));

    public static WarningComposer TextComposer => Composer;

    public static async Task<Notification> AddAsync(HeraldDatabase database, string recipient, DateTimeOffset at,
        long? organisationId = null, Route route = Route.Direct)
    {
        await using var db = database.Open();
        var reference = await new NotificationBuilder(Service, Composer, new TestTime(at)).NextReferenceAsync(db, CancellationToken.None);
        var asset = new AffectedAsset("192.0.2.33", 3389, "tcp", null, at, "open-rdp", "vulnerable-system", "Accessible-RDP", []);
        var warning = Composer.Compose(route, "Bakkerij Jansen", recipient, null, reference, "ABCD2345", [asset], ["nl", "en"]);
        var notification = new Notification
        {
            Reference = reference,
            VerificationCode = "ABCD2345",
            Route = route,
            RecipientEmail = recipient,
            RecipientName = "Bakkerij Jansen",
            OrganisationId = organisationId,
            Subject = warning.Subject,
            BodyText = warning.Text,
            BodyHtml = warning.Html,
            Languages = string.Join(',', warning.Languages),
            AssetCount = 1,
            CreatedAt = at,
            Status = DeliveryStatus.Pending,
            MessageId = MessageIds.ForReference(reference, Service.SenderAddress),
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification;
    }
}

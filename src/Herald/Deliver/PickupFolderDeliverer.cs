using Herald.Notify;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herald.Deliver;

/// <summary>
/// The embedded default way out: each pending warning becomes one <c>.eml</c> file in a pickup folder,
/// named after its reference. A file is written under a temporary name and renamed, and an existing
/// file is never written again, so a crash between writing and recording cannot send a warning twice.
/// </summary>
public sealed class PickupFolderDeliverer(string pickupDirectory, WarningMessageFactory messages, TimeProvider time)
{
    public const string Channel = "pickup-folder";

    public string Directory { get; } = pickupDirectory;

    /// <summary>Delivers every pending warning; returns how many files were written.</summary>
    public async Task<int> DeliverPendingAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var pending = await db.Notifications.Where(n => n.Status == DeliveryStatus.Pending).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync(cancellationToken);
        var written = 0;
        foreach (var id in pending)
        {
            // One at a time and recorded at once: the tracker stays small and a crash loses at most the record of one file.
            db.ChangeTracker.Clear();
            var notification = await db.Notifications.FirstAsync(n => n.Id == id, cancellationToken);
            if (notification.Status != DeliveryStatus.Pending) continue;
            var path = Path.Combine(Directory, notification.Reference + ".eml");
            string detail;
            var succeeded = true;
            if (File.Exists(path))
            {
                detail = $"{path} already existed: not written again";
            }
            else
            {
                var made = messages.Create(notification);
                if (made.Message is { } message)
                {
                    var temp = path + ".tmp";
                    await using (var file = File.Create(temp))
                        await message.WriteToAsync(file, cancellationToken);
                    File.Move(temp, path);
                    written++;
                    detail = $"written to {path}";
                }
                else
                {
                    // Refused by the content rules at send: recorded with the reason, never written.
                    succeeded = false;
                    detail = made.Refusal!;
                }
            }
            var now = time.GetUtcNow();
            notification.Status = succeeded ? DeliveryStatus.Delivered : DeliveryStatus.Failed;
            notification.DeliveredAt = succeeded ? now : null;
            db.DeliveryAttempts.Add(new DeliveryAttempt { NotificationId = notification.Id, At = now, Channel = Channel, Succeeded = succeeded, Detail = detail });
            db.Audit.Add(new AuditEntry
            {
                At = now,
                Actor = "pipeline",
                Action = succeeded ? "notification.delivered" : "notification.refused",
                Subject = notification.Reference,
                Detail = detail,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return written;
    }
}

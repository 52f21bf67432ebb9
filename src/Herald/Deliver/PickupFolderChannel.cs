using Herald.Notify;
using MimeKit;

namespace Herald.Deliver;

/// <summary>
/// The embedded default way out: each message becomes one <c>.eml</c> file in a pickup folder, named after its
/// reference. A file is written under a temporary name and renamed, and an existing file is never written
/// again, so a crash between writing and recording cannot send a warning twice.
/// </summary>
public sealed class PickupFolderChannel(string directory) : IMailChannel
{
    public string Name => "pickup-folder";

    public string Directory { get; } = directory;

    public async Task<SendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var messageId = message.MessageId ?? throw new ArgumentException("A message without a Message-ID cannot be recognised later.", nameof(message));
        var reference = message.Headers[WarningMessageFactory.ReferenceHeader] ?? messageId;
        var name = MessageIds.ContactNumberOf(messageId) is var n and > 1 ? $"{reference}.{n}" : reference;
        var path = Path.Combine(Directory, string.Concat(name.Split(Path.GetInvalidFileNameChars())) + ".eml");
        if (File.Exists(path)) return new SendResult(SendOutcome.Delivered, $"{path} already existed: not written again");
        var temp = path + ".tmp";
        await using (var file = File.Create(temp))
            await message.WriteToAsync(file, cancellationToken);
        File.Move(temp, path);
        return new SendResult(SendOutcome.Delivered, $"written to {path}");
    }
}

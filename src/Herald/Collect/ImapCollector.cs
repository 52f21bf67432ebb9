using System.Net.Security;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Herald.Collect;

/// <summary>
/// An IMAP mailbox that receives reports as attachments (CSV, <c>.csv.zip</c>, <c>.zip</c>, <c>.gz</c>), as
/// Shadowserver sends them. A message is marked (\Seen plus <see cref="ImapSettings.Keyword"/>) or moved only after
/// every report in it was stored and processed; otherwise it stays where it is, flagged with
/// <see cref="ImapSettings.FailedKeyword"/> so it is not tried again until someone removes that flag, and the
/// reason is recorded.
/// </summary>
internal sealed class ImapCollector(
    CollectorDefinition definition,
    ImapSettings settings,
    ReportIntake intake,
    string temporaryDirectory,
    RemoteCertificateValidationCallback? certificateValidation) : ICollector
{
    private static readonly string[] ReportExtensions = [".csv", ".zip", ".gz"];

    public CollectorDefinition Definition => definition;

    public async Task<CollectorRun> RunAsync(CancellationToken cancellationToken)
    {
        var password = settings.Password.Resolve();
        using var client = new ImapClient();
        if (certificateValidation is not null) client.ServerCertificateValidationCallback = certificateValidation;
        var tls = settings.Tls switch
        {
            ImapTls.Ssl => SecureSocketOptions.SslOnConnect,
            ImapTls.StartTls => SecureSocketOptions.StartTls,
            ImapTls.None => SecureSocketOptions.None,
            _ => throw new InvalidOperationException($"unknown TLS setting {settings.Tls}"),
        };
        await client.ConnectAsync(settings.Host, settings.Port, tls, cancellationToken);
        await client.AuthenticateAsync(settings.Username, password, cancellationToken);
        var folder = await client.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var destination = settings.MoveTo is null ? null : await client.GetFolderAsync(settings.MoveTo, cancellationToken);

        SearchQuery query = SearchQuery.NotKeyword(settings.FailedKeyword);
        if (destination is null) query = query.And(SearchQuery.NotKeyword(settings.Keyword));
        var uids = await folder.SearchAsync(query, cancellationToken);
        var deliveries = new List<IntakeResult>();
        if (uids.Count > 0)
        {
            foreach (var summary in await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
            {
                var result = await TakeMessageAsync(folder, summary, cancellationToken);
                if (result.Succeeded)
                {
                    if (destination is not null) await folder.MoveToAsync(summary.UniqueId, destination, cancellationToken);
                    else await folder.StoreAsync(summary.UniqueId, Flag(MessageFlags.Seen, settings.Keyword), cancellationToken);
                }
                else
                {
                    await folder.StoreAsync(summary.UniqueId, Flag(MessageFlags.None, settings.FailedKeyword), cancellationToken);
                }
                deliveries.Add(result);
            }
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return new CollectorRun(deliveries);
    }

    private static StoreFlagsRequest Flag(MessageFlags flags, string keyword) =>
        new(StoreAction.Add, flags) { Keywords = { keyword }, Silent = true };

    private async Task<IntakeResult> TakeMessageAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var name = $"message {summary.UniqueId.Id} in {settings.Folder}";
        if (summary.Size > intake.Limits.MaxDownloadBytes)
            return Failed(name, $"{name} has {summary.Size:N0} bytes, more than the limit of {intake.Limits.MaxDownloadBytes:N0} (max-download-bytes)");
        var message = await folder.GetMessageAsync(summary.UniqueId, cancellationToken);
        var attachments = message.Attachments.OfType<MimePart>().ToList();
        if (attachments.Count > intake.Limits.MaxAttachments)
            return Failed(name, $"{name} has {attachments.Count} attachments, more than the limit of {intake.Limits.MaxAttachments} (max-attachments); nothing taken");
        var reports = attachments.Where(a => a.FileName is { } f && ReportExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (reports.Count == 0)
            return Failed(name, $"{name} has no CSV, .csv.zip, .zip or .gz attachment");

        var items = new List<IntakeItem>();
        foreach (var attachment in reports)
        {
            var result = await TakeAttachmentAsync(attachment, cancellationToken);
            items.AddRange(result.Items.Select(i => i.Error is null ? i : i with { Error = $"{name}: {i.Error}" }));
        }
        return new IntakeResult(name, items);
    }

    private async Task<IntakeResult> TakeAttachmentAsync(MimePart attachment, CancellationToken cancellationToken)
    {
        // Decoded to a file first: a zip is read from its end, and nothing large is held in memory twice.
        Directory.CreateDirectory(temporaryDirectory);
        var path = Path.Combine(temporaryDirectory, $".attachment-{Guid.NewGuid():N}");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
            if (attachment.Content is not null) await attachment.Content.DecodeToAsync(file, cancellationToken);
            file.Position = 0;
            return await intake.TakeAsync(file, attachment.FileName!, definition.Source, definition.Name, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IntakeResult Failed(string name, string reason) => new(name, [new IntakeItem(name, IntakeStatus.Failed, null, 0, 0, reason)]);
}

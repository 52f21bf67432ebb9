using Herald.Deliver;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;

namespace Herald.Cases;

/// <summary>
/// Reads the unread messages of the bounce and reply mailbox (IMAP), hands each to the
/// <see cref="InboundMailHandler"/> and marks it read afterwards (one over the size limit stays unread, for a person). A message handled but not yet marked (a crash
/// in between) is recognised by its Message-ID and not handled twice.
/// </summary>
public sealed class BounceMailbox
{
    private readonly MailboxOptions _options;
    private readonly InboundMailHandler _handler;

    public BounceMailbox(MailboxOptions options, InboundMailHandler handler)
    {
        options.Validate();
        _options = options;
        _handler = handler;
    }

    /// <summary>Reads what is unread; returns how many messages were handled (new to Herald).</summary>
    public async Task<int> ReadAsync(CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(_options.Host, _options.Port, MailConnection.Socket(_options.Security), cancellationToken);
        await client.AuthenticateAsync(_options.User, _options.Password, cancellationToken);
        var folder = _options.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(_options.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var unread = await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken);
        var handled = 0;
        foreach (var summary in await folder.FetchAsync(unread.Take(_options.MaxMessages).ToList(), MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
        {
            // A message over the limit stays unread in the mailbox for a person to look at.
            if (summary.Size is { } size && size > _options.MaxBytes) continue;
            var message = await folder.GetMessageAsync(summary.UniqueId, cancellationToken);
            if (await _handler.HandleAsync(message, cancellationToken) is not null) handled++;
            await folder.AddFlagsAsync(summary.UniqueId, MessageFlags.Seen, silent: true, cancellationToken);
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return handled;
    }
}

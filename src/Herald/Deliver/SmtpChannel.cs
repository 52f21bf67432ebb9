using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Herald.Deliver;

/// <summary>
/// Hands a message to the SMTP relay (MailKit). A 5xx reply is permanent; a 4xx reply and every connection
/// fault (refused, dropped, timed out) are temporary, so the outbox tries again later.
/// </summary>
public sealed class SmtpChannel : IMailChannel
{
    private readonly SmtpOptions _options;

    public SmtpChannel(SmtpOptions options)
    {
        options.Validate();
        _options = options;
    }

    public string Name => "smtp";

    public async Task<SendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        string accepted;
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, MailConnection.Socket(_options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(_options.User))
                await client.AuthenticateAsync(_options.User, _options.Password ?? "", cancellationToken);
            accepted = await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            var detail = $"{code} {ex.Message.Trim()} ({ex.ErrorCode})";
            return new SendResult(code >= 500 ? SendOutcome.Permanent : SendOutcome.Temporary, detail, code);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or TimeoutException
                                       or ServiceNotConnectedException or AuthenticationException or SslHandshakeException
                                       or OperationCanceledException { CancellationToken.IsCancellationRequested: false })
        {
            // Authentication failures are a configuration problem: kept temporary, so fixing the password sends them.
            return new SendResult(SendOutcome.Temporary, $"{ex.GetType().Name}: {ex.Message.Trim()}");
        }
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
        {
            // The relay accepted the message already: a fault while saying goodbye must not send it again.
        }
        return new SendResult(SendOutcome.Delivered, $"250 {accepted.Trim()}", 250);
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Herald.Deliver;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Herald.Tests.Support;

/// <summary>What the test SMTP server does with the next message to a recipient instead of accepting it.</summary>
internal enum SmtpFault
{
    /// <summary>421: service not available, closing the channel.</summary>
    Reply421,

    /// <summary>451: local error, try again later.</summary>
    Reply451,

    /// <summary>550: mailbox unavailable, permanently.</summary>
    Reply550,

    /// <summary>The connection is dropped after the message data came in, before any reply: nothing was accepted.</summary>
    DropAfterData,
}

/// <summary>
/// A real SMTP server (the SmtpServer package, the whole protocol) on 127.0.0.1 and a free port, storing each
/// accepted message as an .eml file in a folder of its own, with faults that a test queues per recipient.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SmtpFault>> _faults = new(StringComparer.OrdinalIgnoreCase);
    private Task _running = Task.CompletedTask;

    private SmtpTestServer(int port) => Port = port;

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Settings for Herald's sender: plain SMTP, which Herald allows to loopback only.</summary>
    public SmtpOptions Options => new() { Host = Host, Port = Port, Security = TransportSecurity.None, Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>How many times a message came in (accepted or refused).</summary>
    public int Deliveries => _deliveries;

    private int _deliveries;

    /// <summary>Starts a server, on <paramref name="port"/> when given (a test that first finds nobody listening there).</summary>
    public static SmtpTestServer Start(int? port = null)
    {
        var server = new SmtpTestServer(port ?? FreePort.Next());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(server));
        var smtp = new SmtpServer.SmtpServer(options, services);
        server._running = smtp.StartAsync(server._stop.Token);
        return server;
    }

    /// <summary>The next messages to <paramref name="recipient"/> meet these faults, one each, in order.</summary>
    public void Fail(string recipient, params SmtpFault[] faults)
    {
        var queue = _faults.GetOrAdd(recipient, _ => new ConcurrentQueue<SmtpFault>());
        foreach (var fault in faults) queue.Enqueue(fault);
    }

    /// <summary>The files of the accepted messages, byte for byte as they arrived (for signature checks).</summary>
    public IReadOnlyList<string> ReceivedFiles() => [.. Directory.GetFiles(_folder.Path, "*.eml").Order(StringComparer.Ordinal)];

    /// <summary>Every accepted message, read back from the folder.</summary>
    public IReadOnlyList<MimeMessage> Received() =>
        [.. Directory.GetFiles(_folder.Path, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _folder.Dispose();
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref server._deliveries);
            var recipient = transaction.To.Select(t => $"{t.User}@{t.Host}").First();
            if (server._faults.TryGetValue(recipient, out var queue) && queue.TryDequeue(out var fault))
            {
                switch (fault)
                {
                    case SmtpFault.Reply421:
                        return new SmtpResponse((SmtpReplyCode)421, "4.3.2 Service not available, closing channel");
                    case SmtpFault.Reply451:
                        return new SmtpResponse((SmtpReplyCode)451, "4.3.0 Local error in processing, try again later");
                    case SmtpFault.Reply550:
                        return new SmtpResponse((SmtpReplyCode)550, "5.1.1 Mailbox unavailable");
                    case SmtpFault.DropAfterData:
                        // Closing the socket under the session: the client sees the connection end without a reply.
                        ((IDisposable)context.Pipe).Dispose();
                        throw new IOException("connection dropped by the test server");
                    default:
                        throw new ArgumentOutOfRangeException(nameof(transaction));
                }
            }
            var path = Path.Combine(server._folder.Path, $"{Guid.NewGuid():N}.eml");
            await using (var file = File.Create(path))
            {
                foreach (var segment in buffer) await file.WriteAsync(segment, cancellationToken);
            }
            return SmtpResponse.Ok;
        }
    }
}

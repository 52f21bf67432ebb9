using System.Diagnostics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Herald.Tests.Support;

/// <summary>
/// A real IMAP server (Debian's dovecot) for one test: its own directory, configuration, Maildir and a free
/// loopback port, plain-text login allowed on loopback, stopped and removed at dispose. Use with
/// <c>[ProgramFact("dovecot")]</c>.
/// </summary>
internal sealed class DovecotServer : IAsyncDisposable
{
    private readonly TempDirectory _root;
    private readonly Process _process;

    private DovecotServer(TempDirectory root, Process process, int port)
    {
        _root = root;
        _process = process;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string User => "herald";

    public string Password => "imap-test-password";

    /// <summary>The server's log, for assertion messages when something goes wrong.</summary>
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    private string LogPath => Path.Combine(_root.Path, "dovecot.log");

    public static async Task<DovecotServer> StartAsync()
    {
        var root = new TempDirectory();
        var port = FreePort.Next();
        var config = Path.Combine(root.Path, "dovecot.conf");
        foreach (var folder in new[] { "run", "state", "mail" }) Directory.CreateDirectory(Path.Combine(root.Path, folder));
        // Dovecot never stores mail as root: under root (CI) the mailbox belongs to nobody.
        var asRoot = Environment.UserName == "root";
        if (asRoot && !OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root.Path, "mail"), (UnixFileMode)0x1FF);
        var (uid, gid) = asRoot ? ("nobody", "nogroup") : (Environment.UserName, Environment.UserName);
        await File.WriteAllTextAsync(Path.Combine(root.Path, "users"), "herald:{PLAIN}imap-test-password\n");
        // Dovecot clears the environment of the processes it starts: the clock-ahead run's libfaketime is passed on
        // (scripts/test.sh), or the login processes would run a year behind the master and it stops starting them.
        await File.WriteAllTextAsync(config, $$"""
            import_environment = $import_environment LD_PRELOAD FAKETIME
            base_dir = {{root.Path}}/run
            state_dir = {{root.Path}}/state
            log_path = {{root.Path}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{root.Path}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{root.Path}}/users
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{root.Path}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
        var process = Process.Start(new ProcessStartInfo(ExternalPrograms.Require("dovecot"), ["-F", "-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var server = new DovecotServer(root, process, port);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>A logged-in IMAP client; the caller disposes it.</summary>
    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>Puts a message into a folder of the test user's mailbox (INBOX by default), as a delivery would.</summary>
    public async Task AppendAsync(MimeMessage message, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await target.AppendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>The messages in a folder with their flags, for assertions.</summary>
    public async Task<IReadOnlyList<IMessageSummary>> ListAsync(string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var summaries = await target.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Envelope);
        await client.DisconnectAsync(quit: true);
        return [.. summaries];
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"dovecot exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {Log}");
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(Host, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"dovecot did not listen on {Host}:{Port}: {Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _root.Dispose();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Herald.Tests.Support;

namespace Herald.Tests.Contacts;

/// <summary>A real dnsmasq on a free loopback port with a local zone, in the foreground, killed at dispose.</summary>
internal sealed class DnsmasqServer : IDisposable
{
    private readonly Process _process;

    private DnsmasqServer(Process process, IPEndPoint endpoint)
    {
        _process = process;
        EndPoint = endpoint;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Starts dnsmasq answering for <paramref name="zone"/> only (NXDOMAIN for other names in it) with the given records.</summary>
    public static async Task<DnsmasqServer> StartAsync(string zone, int ttl, IEnumerable<string> records)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(ExternalPrograms.Require("dnsmasq"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--keep-in-foreground", "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file=", "--log-facility=-",
                     $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces", $"--local-ttl={ttl}", $"--local=/{zone}/",
                 }.Concat(records))
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new DnsmasqServer(process, new IPEndPoint(IPAddress.Loopback, port));
        await server.WaitUntilListeningAsync();
        return server;
    }

    private async Task WaitUntilListeningAsync()
    {
        // dnsmasq binds before it answers; a TCP connect succeeds once it is up.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"dnsmasq exited with {_process.ExitCode}");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(EndPoint);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException("dnsmasq did not start listening");
    }

    private static int FreePort()
    {
        // A port free for both UDP and TCP.
        for (var attempt = 0; ; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}

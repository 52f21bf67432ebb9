using System.Net;
using System.Net.Sockets;

namespace Herald.Tests.Support;

/// <summary>A loopback TCP port nobody listens on right now, for a peer that needs its port in its configuration.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

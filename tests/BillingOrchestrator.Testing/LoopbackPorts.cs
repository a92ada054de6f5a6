using System.Net;
using System.Net.Sockets;

namespace BillingOrchestrator.Testing;

public static class LoopbackPorts
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago, for a server that cannot bind port 0 itself.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

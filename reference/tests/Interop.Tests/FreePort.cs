using System.Net;
using System.Net.Sockets;

namespace Interop.Tests;

/// <summary>A loopback port free for both UDP and TCP right now, for peers that must be told a port (sipp, sipsak).</summary>
public static class FreePort
{
    public static int Next()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken on TCP: try another.
            }
        }

        throw new InvalidOperationException("No loopback port is free for both UDP and TCP.");
    }
}

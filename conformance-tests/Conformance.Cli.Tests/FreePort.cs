using System.Net;
using System.Net.Sockets;

namespace Conformance.Cli.Tests;

/// <summary>A loopback port nobody holds right now, for a peer address that must be written into a target file.</summary>
public static class FreePort
{
    public static IPEndPoint Udp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    public static IPEndPoint Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return (IPEndPoint)listener.LocalEndpoint;
    }
}

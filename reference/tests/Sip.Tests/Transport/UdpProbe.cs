using System.Net;
using System.Net.Sockets;

namespace Sip.Tests.Transport;

/// <summary>The client side of the UDP transport tests: an OPTIONS request per Call-ID, and a socket to send it from.</summary>
internal static class UdpProbe
{
    public static string Options(string callId, string tag) =>
        "OPTIONS sip:probe@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK-{callId.Replace('@', '-')}\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:probe@127.0.0.1>\r\n" +
        $"From: <sip:tester@127.0.0.1>;tag={tag}\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Content-Length: 0\r\n\r\n";

    public static Socket Client()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Smpp.Esme;

/// <summary>Ways to open the byte stream an ESME binds over.</summary>
public static class SmppConnectors
{
    public static Func<CancellationToken, ValueTask<Stream>> Tcp(IPEndPoint endPoint) => async cancellationToken =>
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Conformance.FaultProxy;

/// <summary>
/// One UDP socket per client of the system under test, bound to the client's own address: the system sees each
/// client at an address of its own, as it would without the proxy, and answers that socket. The management relay
/// rewrites addresses the suite provisions (a trunk's source, a signing peer's address) to the client's socket here.
/// </summary>
internal sealed class ClientSockets(Action<ClientSocket> started) : IDisposable
{
    private readonly ConcurrentDictionary<IPEndPoint, ClientSocket> _byClient = new();

    public ClientSocket For(IPEndPoint client) => _byClient.GetOrAdd(client, c =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(c.Address, 0));
        }
        catch (SocketException)
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        var made = new ClientSocket(c, socket);
        started(made);
        return made;
    });

    public void Dispose()
    {
        foreach (var client in _byClient.Values)
        {
            client.Socket.Dispose();
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Sip.Transport;

/// <summary>
/// Turns the raw source address of a datagram into an <see cref="IPEndPoint"/>, reusing the previous one when the
/// datagram came from the same place: a trunk sends from one address, so most datagrams cost no allocation here.
/// One receive loop owns one instance; it is not thread-safe.
/// </summary>
internal sealed class RemoteEndPoints(AddressFamily family)
{
    private readonly IPEndPoint _template = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    private SocketAddress? _lastAddress;
    private IPEndPoint? _last;

    public IPEndPoint For(SocketAddress address)
    {
        if (_last is not null && _lastAddress!.Equals(address))
        {
            return _last;
        }

        var endPoint = (IPEndPoint)_template.Create(address);
        _lastAddress = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(_lastAddress.Buffer.Span);
        _last = endPoint;
        return endPoint;
    }
}

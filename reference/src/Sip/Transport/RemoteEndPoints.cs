using System.Net;
using System.Net.Sockets;

namespace Sip.Transport;

/// <summary>
/// Turns the raw source address of a datagram into an <see cref="IPEndPoint"/>, reusing the one made before for the
/// same place: a proxy hears from a few peers (the trunk before it, the next hop after it) again and again, so most
/// datagrams cost no allocation here, and the endpoint's address keeps the text it was once formatted to. The last
/// few sources are remembered, newest replacing oldest. One receive loop owns one instance; it is not thread-safe.
/// </summary>
internal sealed class RemoteEndPoints(AddressFamily family)
{
    private const int Remembered = 8;
    private readonly IPEndPoint _template = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    private readonly SocketAddress?[] _addresses = new SocketAddress?[Remembered];
    private readonly IPEndPoint?[] _endPoints = new IPEndPoint?[Remembered];
    private int _last;
    private int _next;

    public IPEndPoint For(SocketAddress address)
    {
        // The previous sender first: a burst from one peer is the common case.
        if (_addresses[_last] is { } last && last.Equals(address))
        {
            return _endPoints[_last]!;
        }

        for (var i = 0; i < Remembered; i++)
        {
            if (_addresses[i] is { } known && known.Equals(address))
            {
                _last = i;
                return _endPoints[i]!;
            }
        }

        var endPoint = (IPEndPoint)_template.Create(address);
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        _addresses[_next] = copy;
        _endPoints[_next] = endPoint;
        _last = _next;
        _next = (_next + 1) % Remembered;
        return endPoint;
    }
}

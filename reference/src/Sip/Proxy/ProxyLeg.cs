using System.Net;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// The sockets of one listening address: UDP always, TCP on the same port when enabled. A request leaves by the
/// leg it came in on, so that its Via and Record-Route name an address the next hop can reach back.
/// </summary>
public sealed class ProxyLeg(ISipTransport udp, ISipTransport? tcp)
{
    public ISipTransport Udp { get; } = udp;

    public ISipTransport? Tcp { get; } = tcp;

    public IPEndPoint LocalEndPoint => Udp.LocalEndPoint;

    /// <summary>The transport for a protocol: TCP when asked for and enabled, UDP otherwise.</summary>
    public ISipTransport For(TransportProtocol protocol) =>
        Tcp is not null && protocol == TransportProtocol.Tcp ? Tcp : Udp;
}

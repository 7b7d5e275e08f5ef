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

    /// <summary>The transport for a protocol name ("UDP", "TCP", any case); UDP when TCP is asked for but not enabled.</summary>
    public ISipTransport For(string protocol) =>
        Tcp is not null && protocol.Equals("TCP", StringComparison.OrdinalIgnoreCase) ? Tcp : Udp;
}

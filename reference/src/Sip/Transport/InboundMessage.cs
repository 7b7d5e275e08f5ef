using System.Diagnostics;
using System.Net;

namespace Sip.Transport;

/// <summary>
/// A parsed message and where it came from, as handed to the layer above the transport. The message is the
/// handler's: it holds a pooled copy of its bytes, which <see cref="SipMessage.Release"/> returns once the handler and
/// whatever kept the message (a transaction, say) are done with it. A message never released is simply collected.
/// </summary>
public sealed record InboundMessage(SipMessage Message, IPEndPoint Remote, ISipTransport Transport)
{
    /// <summary>
    /// <see cref="Stopwatch.GetTimestamp"/> when the bytes came off the socket, before parsing, so that the layers
    /// above can measure their own latency from arrival.
    /// </summary>
    public long ReceivedAt { get; init; } = Stopwatch.GetTimestamp();

    /// <summary>
    /// Whether a request's top Via was stamped on receipt (<c>received</c>, <c>rport</c>: §18.2.1, RFC 3581) before the
    /// handler ran: true for every request, except an ACK from a transport that leaves that to its handler
    /// (<see cref="UdpSipTransport.DefersAckStamping"/>), which must then stamp the ACK if it passes it on
    /// (<see cref="ViaStamping.StampReceived"/>).
    /// </summary>
    public bool ViaStamped { get; init; } = true;
}

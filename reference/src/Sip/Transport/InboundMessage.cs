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
}

using System.Diagnostics;
using System.Net;

namespace Sip.Transport;

/// <summary>A parsed message and where it came from, as handed to the layer above the transport.</summary>
public sealed record InboundMessage(SipMessage Message, IPEndPoint Remote, ISipTransport Transport)
{
    /// <summary>
    /// <see cref="Stopwatch.GetTimestamp"/> when the bytes came off the socket, before parsing, so that the layers
    /// above can measure their own latency from arrival.
    /// </summary>
    public long ReceivedAt { get; init; } = Stopwatch.GetTimestamp();
}

using Microsoft.Extensions.Logging;

namespace Sip.Transport;

/// <summary>
/// Hands a received message to the layer above on the thread that read it, as both transports do: a request gets
/// its Via stamped first (§18.2.1, RFC 3581) unless its transport left that to the handler (an ACK,
/// <see cref="InboundMessage.ViaStamped"/>), a handler that returns an unfinished task holds the reading thread
/// until it finishes, and whatever a handler throws is logged without stopping the thread (an exception escaping a
/// dedicated reading thread would end the process).
/// </summary>
internal static class InlineHandler
{
    /// <summary>
    /// What <see cref="InboundMessage.ViaStamped"/> says of <paramref name="message"/> as a transport hands it on: stamped
    /// on receipt, except an ACK when the transport leaves ACKs to its handler (<c>DefersAckStamping</c>).
    /// </summary>
    public static bool StampsOnReceipt(SipMessage message, bool defersAckStamping) =>
        !defersAckStamping || message is not SipRequest { Kind: SipMethod.Ack };

    /// <param name="beforeWaiting">Run before waiting for a handler's unfinished task: sends the transport held back, which it may wait for.</param>
    public static void Run(Func<InboundMessage, ValueTask> handler, InboundMessage inbound, ILogger logger, Action? beforeWaiting = null)
    {
        try
        {
            if (inbound.Message is SipRequest request && inbound.ViaStamped)
            {
                ViaStamping.StampReceived(request, inbound.Remote);
            }

            var handled = handler(inbound);
            if (!handled.IsCompletedSuccessfully)
            {
                beforeWaiting?.Invoke();
                handled.AsTask().GetAwaiter().GetResult();
            }
        }
        // Boundary: the reading thread outlives any one handler's failure (see the summary).
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Handling a message from {Remote} failed", inbound.Remote);
        }
    }
}

using System.Net;
using Microsoft.Extensions.Logging;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// Puts a message on the wire from a transaction, which cannot wait: a send that completes at once (UDP, almost
/// always) costs nothing more; one that fails reports the failure later, off the transaction's lock.
/// </summary>
internal static class Outbound
{
    public static void Send(ISipTransport transport, SipMessage message, IPEndPoint to, ILogger logger, Action? failed = null)
    {
        ValueTask sending;
        try
        {
            sending = transport.SendAsync(message, to);
        }
        catch (SipTransportException ex)
        {
            Failed(ex, to, logger, failed);
            return;
        }

        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending, to, logger, failed);
        }
    }

    private static async Task ObserveAsync(ValueTask sending, IPEndPoint to, ILogger logger, Action? failed)
    {
        try
        {
            await sending;
        }
        catch (SipTransportException ex)
        {
            Failed(ex, to, logger, failed);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            logger.LogDebug("A send to {Remote} was abandoned: the transport is closing", to);
        }
    }

    private static void Failed(SipTransportException ex, IPEndPoint to, ILogger logger, Action? failed)
    {
        logger.LogWarning("Could not send to {Remote}: {Problem}", to, ex.Message);
        if (failed is not null)
        {
            // Never inside the caller's transaction lock: the failure re-enters the transaction from the thread pool.
            ThreadPool.QueueUserWorkItem(_ => failed());
        }
    }
}

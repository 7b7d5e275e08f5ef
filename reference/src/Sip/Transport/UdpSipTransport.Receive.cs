using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Sip.Transport;

/// <summary>The receive loop: one thread takes datagrams (in batches where it can), parses them and runs the handler inline.</summary>
public sealed partial class UdpSipTransport
{
    private void ReceiveLoop(Func<InboundMessage, ValueTask> handler)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(65_536);
        var from = new SocketAddress(_socket.AddressFamily);
        var sources = new RemoteEndPoints(_socket.AddressFamily);
        _receiveThreadId = Environment.CurrentManagedThreadId;
        using var batch = Batched ? new ReceiveBatch() : null;
        using var sends = Batched ? new SendBatch() : null;
        _sendBatch = sends;
        if (batch is not null && _window.On)
        {
            _window.Prepare();
        }

        try
        {
            while (Volatile.Read(ref _stopping) == 0)
            {
                // Batched, the loop waits in the batch call itself: it wakes for a datagram and takes those queued behind it.
                if (batch is not null)
                {
                    var waitedFrom = _window.On ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
                    Waits++;
                    var count = batch.ReceiveWaiting(_handle, out _);
                    ReceiveCalls++;
                    if (count > 0)
                    {
                        var batchReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                        if (_window.On)
                        {
                            _window.Waited(waitedFrom, batchReceivedAt);
                        }

                        Handle(handler, batch, count, batchReceivedAt, from, sources);
                        if (_window.On && _window.Busy(waitedFrom, batchReceivedAt))
                        {
                            TakeWhileBusy(handler, batch, count, from, sources);
                        }

                        continue;
                    }

                    // Woken with nothing (shut down to stop, a signal): the loop's condition decides.
                    if (count == 0 || Volatile.Read(ref _stopping) != 0)
                    {
                        continue;
                    }
                }

                // Not batched, or the batch call failed (an error the socket's own call reports or recovers from): the next
                // datagram by the single calls, the one without waiting first when not batched.
                int length;
                try
                {
                    if (batch is not null || SocketSyscalls.TryReceive(_handle, buffer, from, out length) != SocketSyscalls.Outcome.Done)
                    {
                        length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                    }
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
                {
                    // ICMP port unreachable from an earlier send; not a reason to stop listening.
                    continue;
                }
                catch (SocketException) when (Volatile.Read(ref _stopping) != 0)
                {
                    break;
                }

                ReceiveCalls++;
                ReceivedDatagrams++;
                LargestReceiveBatch = Math.Max(LargestReceiveBatch, 1);
                var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                var remote = sources.For(from);
                Dispatch(handler, buffer.AsSpan(0, length), remote, receivedAt);
                FlushSends();
            }
        }
        // Boundary: the receive loop's dedicated thread, where an escaping exception would end the process.
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogCritical(ex, "The UDP receive loop on {Local} stopped", LocalEndPoint);
        }
        finally
        {
            _sendBatch = null;
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// Pauses a window after each batch and takes what came meanwhile without waiting, until a pause finds nothing or
    /// pauses after a take like the last have lately found nothing (<see cref="ReceiveWindow.PauseAgain"/>). The batch's
    /// answers are sent before each pause, so a pause holds back only what is still to be received; a full batch is
    /// followed at once by the next, as more is queued behind it.
    /// </summary>
    private void TakeWhileBusy(Func<InboundMessage, ValueTask> handler, ReceiveBatch batch, int count, SocketAddress from, RemoteEndPoints sources)
    {
        // Whether the batch in hand is what a pause took (not the wait's, nor the rest of a full batch).
        var paused = false;
        while (Volatile.Read(ref _stopping) == 0)
        {
            var pausing = count < ReceiveBatch.Slots;
            if (pausing)
            {
                // After a take that pauses have lately followed with nothing, waiting costs no wake-up for nothing.
                if (paused && !_window.PauseAgain(count))
                {
                    SkippedPauses++;
                    return;
                }

                BeforePause?.Invoke();
                _window.Pause();
                Pauses++;
                if (Volatile.Read(ref _stopping) != 0)
                {
                    return;
                }
            }

            // Nothing (the socket is quiet again) or an error (the waiting call reports or recovers from it): wait.
            var taken = batch.ReceiveQueued(_handle);
            ReceiveCalls++;
            if (pausing && paused)
            {
                _window.Learn(count, taken > 0);
            }

            paused = pausing;
            count = taken;
            if (count <= 0)
            {
                return;
            }

            Handle(handler, batch, count, System.Diagnostics.Stopwatch.GetTimestamp(), from, sources);
        }
    }

    private void Handle(Func<InboundMessage, ValueTask> handler, ReceiveBatch batch, int count, long receivedAt, SocketAddress from, RemoteEndPoints sources)
    {
        ReceivedDatagrams += count;
        LargestReceiveBatch = Math.Max(LargestReceiveBatch, count);
        for (var i = 0; i < count; i++)
        {
            if (batch.SourceOf(i, from))
            {
                Dispatch(handler, batch.Datagram(i), sources.For(from), receivedAt);
            }
        }

        FlushSends();
    }

    private void Dispatch(Func<InboundMessage, ValueTask> handler, ReadOnlySpan<byte> datagram, IPEndPoint remote, long receivedAt)
    {
        var result = _parser.Parse(datagram, datagram: true);
        if (result.Status == SipParseStatus.Complete)
        {
            var message = result.Message!;
            var inbound = new InboundMessage(message, remote, this)
            {
                ReceivedAt = receivedAt,
                ViaStamped = InlineHandler.StampsOnReceipt(message, DefersAckStamping),
            };
            InlineHandler.Run(handler, inbound, _logger, _flushSends);
            return;
        }

        try
        {
            OnRejected(result, remote);
        }
        // Boundary: answering one bad datagram (and the Rejected subscribers) must not stop the receive loop.
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Answering a rejected datagram from {Remote} failed", remote);
        }
    }

    private void OnRejected(SipParseResult result, IPEndPoint remote)
    {
        _logger.LogInformation("Rejected datagram from {Remote}: {Error} ({Detail})", remote, result.Error, result.Detail);
        Rejected?.Invoke(result, remote);

        if (result.Message is SipRequest request && request.TopVia is not null)
        {
            ViaStamping.StampReceived(request, remote);
        }

        try
        {
            if (RejectionResponses.For(result, _parser) is { } response)
            {
                SendAsync(response, remote);
            }
        }
        finally
        {
            // A rejected message goes no further than its answer: its buffer goes back to the pool.
            result.Message?.Release();
        }
    }
}

using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Sip.Transport;

/// <summary>The send side: held in the loop's batch, in another thread's coalesced batch, tried without waiting, or sent blocking.</summary>
public sealed partial class UdpSipTransport
{
    public ValueTask SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        Send(message, remote, order: null);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends a transaction's message so that its sends reach the wire in the order made, whichever threads make them
    /// (see <see cref="SendOrder"/>): a provisional response the loop still holds is withdrawn by a later send from
    /// another thread.
    /// </summary>
    internal void Send(SipMessage message, IPEndPoint remote, ISendOrdered? order)
    {
        if (message.TryGetWire(out var wire))
        {
            // A wire copy (a rejection and its retransmissions) goes from its own bytes, not encoded into a lease first.
            Send(wire, remote, order, message is SipResponse { IsProvisional: true });
            return;
        }

        var length = message.EncodedLength();
        var lease = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = message.Encode(lease);
            Send(lease.AsSpan(0, written), remote, order, message is SipResponse { IsProvisional: true });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(lease);
        }
    }

    /// <summary>Sends bytes as they are: for forwarding verbatim and for tests that must send what is not SIP.</summary>
    public ValueTask SendBytesAsync(ReadOnlyMemory<byte> bytes, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        Send(bytes.Span, remote);
        return ValueTask.CompletedTask;
    }

    private void Send(ReadOnlySpan<byte> bytes, IPEndPoint remote, ISendOrdered? order = null, bool provisional = false)
    {
        if (remote.AddressFamily == _socket.AddressFamily && _sendBatch is { } batch && Environment.CurrentManagedThreadId == _receiveThreadId)
        {
            var address = _sendAddresses.For(remote);
            if (!batch.HasRoom(bytes.Length, address.Length))
            {
                FlushSends();
            }

            if (batch.HasRoom(bytes.Length, address.Length))
            {
                if (order is not null && provisional && !order.Order.TryQueue())
                {
                    // Another thread already sent a response of this transaction past the provisional ones held here.
                    return;
                }

                batch.Add(bytes, address, remote, provisional ? order : null);
                return;
            }
        }
        else
        {
            // From another thread: after what the loop holds of this transaction, or without it.
            order?.Order.BeforeSendElsewhere();
        }

        // Another thread that sends many at once (CoalescedSends): held for its own sendmmsg.
        if (Batched && remote.AddressFamily == _socket.AddressFamily && CoalescedSends.Open is { } open && Volatile.Read(ref _stopping) == 0)
        {
            var held = open.For(this);
            var address = _sendAddresses.For(remote);
            if (!held.HasRoom(bytes.Length, address.Length))
            {
                Flush(held);
            }

            if (held.HasRoom(bytes.Length, address.Length))
            {
                held.Add(bytes, address, remote);
                return;
            }
        }

        if (remote.AddressFamily == _socket.AddressFamily
            && SocketSyscalls.TrySend(_handle, bytes, _sendAddresses.For(remote)) == SocketSyscalls.Outcome.Done)
        {
            return;
        }

        SendBlocking(bytes, remote);
    }

    private void SendBlocking(ReadOnlySpan<byte> bytes, IPEndPoint remote)
    {
        // A full buffer (the socket's call waits for room), an error (the socket's call raises it), or no fast path.
        try
        {
            _socket.SendTo(bytes, SocketFlags.None, remote);
        }
        catch (SocketException ex)
        {
            // UDP send failures (ICMP unreachable reported late, buffer full) are a lost datagram, as on the wire.
            _logger.LogDebug(ex, "UDP send to {Remote} failed", remote);
        }
        catch (ObjectDisposedException)
        {
            _logger.LogDebug("UDP send to {Remote} dropped: the transport is closed", remote);
        }
    }

    /// <summary>Sends the datagrams a <see cref="CoalescedSends"/> held for this transport (on the thread that holds them).</summary>
    internal void Flush(SendBatch held)
    {
        if (held.Count > 0)
        {
            LargestSendBatch = Math.Max(LargestSendBatch, held.Count);
            held.Flush(_handle, _sendBlocking);
        }
    }

    /// <summary>
    /// Called on the loop's thread, sends what its handlers queued so far at once; elsewhere, nothing. For a send that
    /// another thread will make next and that must not overtake them: one that carries no transaction's order
    /// (<see cref="SendOrder"/>), such as a relay without state released from a barrier.
    /// </summary>
    internal void FlushHeld()
    {
        if (Environment.CurrentManagedThreadId == _receiveThreadId)
        {
            FlushSends();
        }
    }

    /// <summary>Sends what the loop's handlers queued (on the loop's thread only).</summary>
    private void FlushSends()
    {
        if (_sendBatch is { Count: > 0 } sends)
        {
            LargestSendBatch = Math.Max(LargestSendBatch, sends.Count);
            sends.Flush(_handle, _sendBlocking);
        }
    }
}

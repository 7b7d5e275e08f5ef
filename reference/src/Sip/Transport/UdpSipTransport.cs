using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18). Each datagram is one message. Inbound requests get <c>received</c> and
/// <c>rport</c> set on their top Via (§18.2.1, RFC 3581); unparseable requests are answered with the mapped
/// 4xx/5xx when enough of them could be read, otherwise dropped. A failing handler never stops the loop.
/// </summary>
/// <remarks>
/// One dedicated thread per socket blocks in <c>recvfrom</c>, parses and runs the handler inline, and sends are
/// synchronous <c>sendto</c> calls (a UDP send only waits for room in the socket buffer). On Linux both first try the
/// C library's calls without waiting (<see cref="SocketSyscalls"/>), and make the socket's own only when those would
/// wait or fail: under load the next datagram is usually queued already. An asynchronous receive
/// costs two thread switches a datagram (the socket engine's thread wakes, then a pool thread runs the
/// continuation); this way a datagram wakes one thread, and none when the loop is busy and the next one is queued.
/// The socket is never used asynchronously, so it stays a plain blocking socket. Handlers must not block: a
/// handler that returns an unfinished task holds up the socket until it finishes, as it did when the loop awaited it.
/// <para>
/// Batched (the default on Linux): the loop waits in <c>recvmmsg</c> itself (<c>MSG_WAITFORONE</c>), which returns with the
/// first datagram and every one queued behind it (up to <see cref="ReceiveBatch.Slots"/>): one call a wake-up. What the handlers send from the loop's thread is held and sent together by one
/// <c>sendmmsg</c> once the batch is handled, or before a handler's unfinished task is waited for. Sends from other
/// threads (timers, asynchronous continuations) go out at once. Without batching, or off Linux, each datagram is one
/// call, as above.
/// </para>
/// <para>
/// With a coalescing window, a busy loop pauses that long after sending a batch's answers and then takes what came
/// meanwhile without waiting, until a pause finds nothing (<see cref="ReceiveWindow"/>): fewer wake-ups and crossings
/// into the kernel for the same datagrams, at the price of holding a datagram up to one window. Stopping while it
/// pauses ends the loop when the pause does.
/// </para>
/// </remarks>
public sealed class UdpSipTransport : ISipTransport
{
    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly SipParser _parser;
    private readonly ILogger _logger;
    private readonly SendAddresses _sendAddresses = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _flushSends;
    private readonly SendBatch.SendOne _sendBlocking;
    private readonly ReceiveWindow _window;
    private Thread? _receiveThread;
    private int _receiveThreadId;
    private SendBatch? _sendBatch;
    private int _stopping;

    /// <param name="batched">
    /// Whether to take and send datagrams in batches (<c>recvmmsg</c>/<c>sendmmsg</c>) where the system has them; false
    /// keeps one system call a datagram.
    /// </param>
    /// <param name="coalesceMicroseconds">
    /// Batched, how long a busy loop pauses between batches to gather more datagrams a wake-up (<see cref="ReceiveWindow"/>),
    /// 0 to ..<see cref="ReceiveWindow.MaxMicroseconds"/>; 0 takes each batch as soon as its first datagram comes.
    /// </param>
    public UdpSipTransport(
        IPEndPoint bindTo, SipParser? parser = null, ILogger? logger = null, int receiveBufferBytes = 4 * 1024 * 1024, bool batched = true, int coalesceMicroseconds = 0)
    {
        Batched = batched && MultiMessageSyscalls.Available;
        _window = new ReceiveWindow(coalesceMicroseconds, usable: Batched);
        _flushSends = FlushSends;
        _sendBlocking = SendBlocking;
        _parser = parser ?? new SipParser();
        _logger = logger ?? NullLogger.Instance;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = receiveBufferBytes;
        _socket.SendBufferSize = receiveBufferBytes;
        _socket.Bind(bindTo);
        _handle = _socket.SafeHandle;
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public string Protocol => "UDP";

    public TransportProtocol Kind => TransportProtocol.Udp;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Every send copies the datagram into a batch or hands it to the kernel before it returns.</summary>
    public bool CopiesOnSend => true;

    /// <summary>Whether datagrams are received and sent in batches: asked for, and available on this system.</summary>
    public bool Batched { get; }

    /// <summary>
    /// Whether ACKs reach the handler with their top Via as received, for the handler to stamp if it passes one on
    /// (<see cref="InboundMessage.ViaStamped"/> false): a proxy absorbs the ACK of every call it rejects, and nothing
    /// reads what the stamp would change in an ACK that goes no further (nothing answers an ACK). Off by default.
    /// </summary>
    public bool DefersAckStamping { get; init; }

    /// <summary>The most datagrams one receive call took so far (1 without batching).</summary>
    internal int LargestReceiveBatch { get; private set; }

    /// <summary>Receive calls made so far, those that found nothing included.</summary>
    internal long ReceiveCalls { get; private set; }

    /// <summary>Datagrams received so far: with <see cref="ReceiveCalls"/>, the mean batch.</summary>
    internal long ReceivedDatagrams { get; private set; }

    /// <summary>Pauses taken between batches so far (<see cref="ReceiveWindow"/>).</summary>
    internal long Pauses { get; private set; }

    /// <summary>Pauses the loop did not take, waiting instead, since pauses after such a take had lately found nothing (<see cref="ReceiveWindow.PauseAgain"/>).</summary>
    internal long SkippedPauses { get; private set; }

    /// <summary>Batched, the waits for a datagram begun so far: the loop goes back to waiting once a pause finds nothing.</summary>
    internal long Waits { get; private set; }

    /// <summary>Run on the loop's thread as it begins a pause: lets a test send what must arrive while the loop pauses.</summary>
    internal Action? BeforePause { get; set; }

    /// <summary>The longest coalescing window a transport takes (<see cref="ReceiveWindow.MaxMicroseconds"/>).</summary>
    public const int MaxCoalesceMicroseconds = ReceiveWindow.MaxMicroseconds;

    /// <summary>The pause of a busy loop between batches, in microseconds: 0 when off, unbatched, or off Linux.</summary>
    public int CoalesceMicroseconds => _window.Microseconds;

    /// <summary>The most datagrams one send call was given so far (0 without batching).</summary>
    internal int LargestSendBatch { get; private set; }

    /// <summary>Messages the parser rejected, for metrics and evidence; the message is released when the handlers return, so read it there.</summary>
    public event Action<SipParseResult, IPEndPoint>? Rejected;

    public void Start(Func<InboundMessage, ValueTask> handler)
    {
        if (_receiveThread is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        _receiveThread = new Thread(() => ReceiveLoop(handler))
        {
            IsBackground = true,
            Name = $"sip-udp-{LocalEndPoint.Port}",
        };
        _receiveThread.Start();
    }

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

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            return;
        }

        // Closing the socket wakes the thread blocked in recvfrom with an error; it then sees the stop flag. A thread
        // blocked in recvmmsg holds the descriptor open until it returns: shutting the socket down for receiving wakes it
        // (Linux does so for an unconnected UDP socket too, while reporting that it is not connected).
        try
        {
            _socket.Shutdown(SocketShutdown.Receive);
        }
        catch (SocketException)
        {
        }

        _socket.Dispose();
        if (_receiveThread is not null)
        {
            await _stopped.Task;
        }
    }
}

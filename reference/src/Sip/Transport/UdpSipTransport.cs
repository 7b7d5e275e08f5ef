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
public sealed partial class UdpSipTransport : ISipTransport
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

using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Sip.Transport;

/// <summary>
/// One TCP connection of a <see cref="TcpSipTransport"/>: frames the byte stream into messages by Content-Length,
/// answers RFC 5626 CRLFCRLF pings with CRLF, and serializes writes so pipelined messages never interleave.
/// </summary>
/// <remarks>
/// The connection reads on a thread of its own, blocking in <c>recv</c>, and runs the handler inline; writes are
/// synchronous <c>send</c> calls under a lock, bounded by the send timeout so that a peer that stops reading is cut
/// off instead of holding the sender. On Linux both first try the C library's calls without waiting
/// (<see cref="SocketSyscalls"/>). The socket is never used asynchronously, so it stays a plain blocking socket
/// and a message wakes one thread instead of the socket engine's and then a pool thread.
/// </remarks>
internal sealed class TcpConnection : IDisposable
{
    private const int StackBytes = 256 * 1024;
    private static readonly byte[] Pong = "\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly TimeProvider _time;
    private readonly Lock _writeGate = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActivityTicks;
    private long _lastMessageTicks;
    private int _closed;

    public TcpConnection(Socket socket, IPEndPoint remote, TimeProvider time, TimeSpan sendTimeout)
    {
        _socket = socket;
        _handle = socket.SafeHandle;
        _time = time;
        Remote = remote;
        _socket.SendTimeout = (int)Math.Clamp(sendTimeout.TotalMilliseconds, 1, int.MaxValue);
        Interlocked.Exchange(ref _lastMessageTicks, Touch());
    }

    public IPEndPoint Remote { get; }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>When a SIP message last went either way: keep-alives do not count.</summary>
    public DateTimeOffset LastMessage => new(Interlocked.Read(ref _lastMessageTicks), TimeSpan.Zero);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Completes when the read thread has ended.</summary>
    public Task Running => _running.Task;

    /// <summary>Starts the read thread: it reads until the peer closes, the stream cannot be framed any more, or the connection is closed.</summary>
    public void Start(SipParser parser, Action<SipMessage, long> onMessage, Action<SipParseResult> onRejected, Action ended)
    {
        var thread = new Thread(() =>
        {
            try
            {
                ReadLoop(parser, onMessage, onRejected);
            }
            finally
            {
                ended();
                _running.TrySetResult();
            }
        }, StackBytes)
        {
            IsBackground = true,
            Name = $"sip-tcp-{Remote.Port}",
        };
        thread.Start();
    }

    private void ReadLoop(SipParser parser, Action<SipMessage, long> onMessage, Action<SipParseResult> onRejected)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        var filled = 0;
        try
        {
            while (!IsClosed)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                if (SocketSyscalls.TryReceive(_handle, buffer.AsSpan(filled), out var read) != SocketSyscalls.Outcome.Done)
                {
                    read = _socket.Receive(buffer.AsSpan(filled), SocketFlags.None);
                }

                if (read == 0)
                {
                    return;
                }

                filled += read;
                var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                var now = Touch();
                var offset = 0;
                while (offset < filled)
                {
                    var pending = buffer.AsSpan(offset, filled - offset);
                    if (pending.StartsWith("\r\n\r\n"u8))
                    {
                        offset += 4;
                        Write(Pong);
                        continue;
                    }

                    var result = parser.Parse(pending, datagram: false);
                    if (result.Status == SipParseStatus.Incomplete)
                    {
                        offset += result.Consumed;
                        break;
                    }

                    if (result.Status == SipParseStatus.Rejected)
                    {
                        // Framing cannot be trusted after a bad message: answer if possible, then close (RFC 3261 §18.3).
                        onRejected(result);
                        return;
                    }

                    offset += result.Consumed;
                    Interlocked.Exchange(ref _lastMessageTicks, now);
                    onMessage(result.Message!, receivedAt);
                }

                if (offset > 0)
                {
                    buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                    filled -= offset;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or SipTransportException)
        {
            // The peer went away or the transport is stopping: the connection simply ends.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close();
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/> (a message) or closes the connection and throws <see cref="SipTransportException"/>.</summary>
    public void Send(ReadOnlySpan<byte> bytes) => Interlocked.Exchange(ref _lastMessageTicks, Write(bytes));

    /// <summary>Writes all of <paramref name="bytes"/>, a message or a keep-alive; returns the time of the write as ticks.</summary>
    private long Write(ReadOnlySpan<byte> bytes)
    {
        lock (_writeGate)
        {
            try
            {
                while (!bytes.IsEmpty)
                {
                    // A full send buffer (the socket's call waits for room, up to the send timeout) or an error (the
                    // socket's call raises it) goes to the socket's own call.
                    if (SocketSyscalls.TrySend(_handle, bytes, out var sent) != SocketSyscalls.Outcome.Done)
                    {
                        sent = _socket.Send(bytes, SocketFlags.None);
                    }

                    bytes = bytes[sent..];
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                Close();
                throw new SipTransportException($"TCP send to {Remote} failed: {ex.Message}", ex);
            }
        }

        return Touch();
    }

    public void Close() => TryClose();

    /// <summary>Closes the connection; true only for the one call that closed it, so that two sweeps running at once
    /// (a timer's callbacks can overlap) count a close once.</summary>
    public bool TryClose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return false;
        }

        try
        {
            // Wakes the read thread blocked in recv.
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }

        _socket.Dispose();
        return true;
    }

    public void Dispose() => Close();

    private long Touch()
    {
        var now = _time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref _lastActivityTicks, now);
        return now;
    }
}

using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Sip.Transport;

/// <summary>
/// One TCP connection of a <see cref="TcpSipTransport"/>: frames the byte stream into messages by Content-Length,
/// answers RFC 5626 CRLFCRLF pings with CRLF, and serializes writes so pipelined messages never interleave.
/// </summary>
internal sealed class TcpConnection(Socket socket, IPEndPoint remote, TimeProvider time) : IDisposable
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _closed;

    public IPEndPoint Remote { get; } = remote;

    public DateTimeOffset LastActivity { get; private set; } = time.GetUtcNow();

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public Task Running { get; set; } = Task.CompletedTask;

    /// <summary>Reads until the peer closes, the stream cannot be framed any more, or the transport stops.</summary>
    public async Task ReadLoopAsync(
        SipParser parser,
        Func<SipMessage, long, ValueTask> onMessage,
        Func<SipParseResult, ValueTask> onRejected,
        CancellationToken stopping)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        var filled = 0;
        try
        {
            while (!stopping.IsCancellationRequested && !IsClosed)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, stopping);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                LastActivity = time.GetUtcNow();
                var offset = 0;
                while (offset < filled)
                {
                    var pending = buffer.AsMemory(offset, filled - offset);
                    if (pending.Span.StartsWith("\r\n\r\n"u8))
                    {
                        offset += 4;
                        await SendAsync(Pong, stopping);
                        continue;
                    }

                    var result = parser.Parse(pending.Span, datagram: false);
                    if (result.Status == SipParseStatus.Incomplete)
                    {
                        offset += result.Consumed;
                        break;
                    }

                    if (result.Status == SipParseStatus.Rejected)
                    {
                        // Framing cannot be trusted after a bad message: answer if possible, then close (RFC 3261 §18.3).
                        await onRejected(result);
                        return;
                    }

                    offset += result.Consumed;
                    await onMessage(result.Message!, receivedAt);
                }

                if (offset > 0)
                {
                    buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                    filled -= offset;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or SipTransportException)
        {
            // The peer went away or the transport is stopping: the connection simply ends.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close();
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
                bytes = bytes[sent..];
            }

            LastActivity = time.GetUtcNow();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Close();
            throw new SipTransportException($"TCP send to {Remote} failed: {ex.Message}", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }

        socket.Dispose();
    }

    public void Dispose()
    {
        Close();
        _writeLock.Dispose();
    }
}

using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Reference.Cluster;

/// <summary>
/// One blocking connection to Redis, held by one thread at a time: commands are written into a buffer, sent together
/// with one send, and their replies read in order on the same thread, with no hand-off to a reader thread and back
/// (which on a busy node cost several times the round trip itself). A screening thread sends the events queued since
/// the last round trip ahead of its own check and reserve, so that one round trip carries them all. Any failure closes
/// it: the caller counts locally and the next call connects again.
/// </summary>
internal sealed class RespConnection : IDisposable
{
    private readonly Socket _socket;
    private byte[] _out = new byte[1024];
    private int _written;
    private byte[] _in = new byte[1024];
    private int _filled;
    private int _read;

    public RespConnection(EndPoint endpoint, string? password, int timeoutMilliseconds, IEnumerable<string> scripts)
    {
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendTimeout = timeoutMilliseconds, ReceiveTimeout = timeoutMilliseconds };
        try
        {
            Connect(endpoint, timeoutMilliseconds);
            var commands = 0;
            if (password is { Length: > 0 })
            {
                Command(2).Bulk("AUTH").Bulk(password);
                commands++;
            }

            // Loaded once per connection, so that the pipelined EVALSHAs never meet NOSCRIPT halfway through a batch
            // (a server restarted since has closed this connection; a SCRIPT FLUSH fails the batch, and the next
            // connection loads them again).
            foreach (var script in scripts)
            {
                Command(3).Bulk("SCRIPT").Bulk("LOAD").Bulk(script);
                commands++;
            }

            Send();
            for (var i = 0; i < commands; i++)
            {
                if (Read().Error is { } error)
                {
                    throw new IOException($"Redis refused the connection's set-up: {error}");
                }
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A blocking connect, bounded by the send timeout (Linux applies SO_SNDTIMEO to connect). Neither an asynchronous
    /// connect nor a non-blocking one with poll() will do: either leaves the socket non-blocking for good in the runtime,
    /// after which every blocking receive is emulated (a failed recvmsg, then the runtime's epoll thread waking a waiter
    /// that spins and yields first), measured here at about 200 µs of CPU per round trip. The windows only connect while
    /// the multiplexer reaches Redis, so the wait is short.
    /// </summary>
    private void Connect(EndPoint endpoint, int timeoutMilliseconds)
    {
        try
        {
            _socket.Connect(endpoint);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.TimedOut)
        {
            throw new TimeoutException($"connecting to Redis at {endpoint} took longer than {timeoutMilliseconds} ms", ex);
        }
    }

    /// <summary>The SHA-1 Redis names a script by (EVALSHA).</summary>
    public static string Sha(string script) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(script)));

    /// <summary>Starts a command of <paramref name="parts"/> parts (its name included) in the buffer.</summary>
    public RespConnection Command(int parts)
    {
        Room(16);
        _out[_written++] = (byte)'*';
        Number(parts);
        return this;
    }

    public RespConnection Bulk(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        Room(bytes + 24);
        _out[_written++] = (byte)'$';
        Number(bytes);
        _written += Encoding.UTF8.GetBytes(text, _out.AsSpan(_written));
        Line();
        return this;
    }

    public RespConnection Bulk(long number)
    {
        Room(48);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(number, digits, out var length);
        _out[_written++] = (byte)'$';
        Number(length);
        digits[..length].CopyTo(_out.AsSpan(_written));
        _written += length;
        Line();
        return this;
    }

    /// <summary>Sends every command written since the last send, in one write.</summary>
    public void Send()
    {
        for (var sent = 0; sent < _written;)
        {
            sent += _socket.Send(_out, sent, _written - sent, SocketFlags.None);
        }

        _written = 0;
    }

    /// <summary>
    /// Reads the next reply: an integer, an error, a simple or bulk string (its content skipped), or an array whose first
    /// two integers are kept (the check and reserve script answers with two).
    /// </summary>
    public RespReply Read()
    {
        var line = ReadLine(out var type);
        switch (type)
        {
            case (byte)':':
                return new RespReply(Integer(line), 0, null);
            case (byte)'-':
                return new RespReply(0, 0, Encoding.UTF8.GetString(line));
            case (byte)'+':
                return default;
            case (byte)'$':
                Skip(Integer(line));
                return default;
            case (byte)'*':
                var count = Integer(line);
                long first = 0, second = 0;
                for (var i = 0; i < count; i++)
                {
                    var element = Read();
                    if (element.Error is { } error)
                    {
                        return new RespReply(0, 0, error);
                    }

                    (first, second) = i == 0 ? (element.Integer, second) : i == 1 ? (first, element.Integer) : (first, second);
                }

                return new RespReply(first, second, null);
            default:
                throw new IOException("unexpected reply from Redis");
        }
    }

    public void Dispose() => _socket.Dispose();

    private static long Integer(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length ? value : throw new IOException("Redis sent a malformed number");

    private void Number(long value)
    {
        Utf8Formatter.TryFormat(value, _out.AsSpan(_written), out var length);
        _written += length;
        Line();
    }

    private void Line()
    {
        _out[_written++] = (byte)'\r';
        _out[_written++] = (byte)'\n';
    }

    private void Room(int bytes)
    {
        if (_written + bytes > _out.Length)
        {
            Array.Resize(ref _out, Math.Max(_out.Length * 2, _written + bytes));
        }
    }

    /// <summary>Skips a bulk string's content and its CRLF (a null bulk, -1, has none).</summary>
    private void Skip(long size)
    {
        for (var left = size < 0 ? 0 : size + 2; left > 0;)
        {
            if (_read == _filled)
            {
                Fill();
            }

            var take = (int)Math.Min(left, _filled - _read);
            _read += take;
            left -= take;
        }
    }

    /// <summary>Reads up to the next CRLF; returns the line after its type byte.</summary>
    private ReadOnlySpan<byte> ReadLine(out byte type)
    {
        while (true)
        {
            var at = _in.AsSpan(_read, _filled - _read).IndexOf("\r\n"u8);
            if (at > 0)
            {
                type = _in[_read];
                var line = _in.AsSpan(_read + 1, at - 1);
                _read += at + 2;
                return line;
            }

            if (at == 0)
            {
                throw new IOException("Redis sent an empty reply line");
            }

            Fill();
        }
    }

    /// <summary>Receives more bytes after those not yet read, moving those to the front first.</summary>
    private void Fill()
    {
        if (_read > 0)
        {
            Array.Copy(_in, _read, _in, 0, _filled - _read);
            _filled -= _read;
            _read = 0;
        }

        if (_filled == _in.Length)
        {
            Array.Resize(ref _in, _in.Length * 2);
        }

        var got = _socket.Receive(_in, _filled, _in.Length - _filled, SocketFlags.None);
        if (got == 0)
        {
            throw new IOException("Redis closed the connection");
        }

        _filled += got;
    }
}

using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Reference.Cluster;

/// <summary>
/// One blocking connection to Redis for the screening thread that owns it: a script call is one send and one receive
/// on that thread, with no hand-off to a reader thread and back, which on a busy node cost several times the round trip
/// itself. Used only for the call whose answer screening waits on (the check and reserve); everything else goes
/// through the multiplexer. Any failure closes it: the caller counts locally and the next call connects again.
/// </summary>
internal sealed class RespConnection : IDisposable
{
    private readonly Socket _socket;
    private byte[] _buffer = new byte[512];
    private int _filled;

    public RespConnection(EndPoint endpoint, string? password, int timeoutMilliseconds)
    {
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendTimeout = timeoutMilliseconds, ReceiveTimeout = timeoutMilliseconds };
        try
        {
            var connected = _socket.BeginConnect(endpoint, null, null);
            if (!connected.AsyncWaitHandle.WaitOne(timeoutMilliseconds))
            {
                throw new TimeoutException($"connecting to Redis at {endpoint} took longer than {timeoutMilliseconds} ms");
            }

            _socket.EndConnect(connected);
            if (password is { Length: > 0 })
            {
                Call(["AUTH", password]);
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>The SHA-1 Redis names a script by (EVALSHA).</summary>
    public static string Sha(string script) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(script)));

    /// <summary>Runs a loaded script over one key and returns its integer answer; loads the script first if Redis lost it.</summary>
    public long EvalSha(string script, string sha, string key, ReadOnlySpan<string> values)
    {
        var command = new string[3 + 1 + values.Length];
        command[0] = "EVALSHA";
        command[1] = sha;
        command[2] = "1";
        command[3] = key;
        values.CopyTo(command.AsSpan(4));
        var (integer, error) = Call(command);
        if (error is not null && error.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            Call(["SCRIPT", "LOAD", script]);
            (integer, error) = Call(command);
        }

        return error is null ? integer : throw new IOException($"Redis refused the script: {error}");
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Sends one command and reads its reply: an integer, a bulk or simple string (ignored), or an error.</summary>
    private (long Integer, string? Error) Call(string[] parts)
    {
        var length = 16;
        foreach (var part in parts)
        {
            length += 16 + Encoding.UTF8.GetMaxByteCount(part.Length);
        }

        var request = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var n = Ascii(request, 0, $"*{parts.Length}\r\n");
            foreach (var part in parts)
            {
                var bytes = Encoding.UTF8.GetByteCount(part);
                n = Ascii(request, n, $"${bytes}\r\n");
                n += Encoding.UTF8.GetBytes(part, request.AsSpan(n));
                n = Ascii(request, n, "\r\n");
            }

            for (var sent = 0; sent < n;)
            {
                sent += _socket.Send(request, sent, n - sent, SocketFlags.None);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }

        var line = ReadLine(out var end);
        return _buffer[0] switch
        {
            (byte)':' => (long.Parse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), null),
            (byte)'-' => (0, Encoding.UTF8.GetString(line)),
            (byte)'+' => (0, null),
            (byte)'$' => (SkipBulk(line, end), null),
            _ => throw new IOException("unexpected reply from Redis"),
        };
    }

    private long SkipBulk(ReadOnlySpan<byte> header, int end)
    {
        var size = int.Parse(header, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var have = _filled - end;
        for (var left = size + 2 - have; left > 0;)
        {
            var got = _socket.Receive(_buffer, 0, Math.Min(left, _buffer.Length), SocketFlags.None);
            if (got == 0)
            {
                throw new IOException("Redis closed the connection");
            }

            left -= got;
        }

        return 0;
    }

    /// <summary>Reads until the first CRLF; returns the line after its type byte, and where the line ended.</summary>
    private ReadOnlySpan<byte> ReadLine(out int end)
    {
        _filled = 0;
        while (true)
        {
            var at = _buffer.AsSpan(0, _filled).IndexOf("\r\n"u8);
            if (at >= 0)
            {
                end = at + 2;
                return _buffer.AsSpan(1, at - 1);
            }

            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var got = _socket.Receive(_buffer, _filled, _buffer.Length - _filled, SocketFlags.None);
            if (got == 0)
            {
                throw new IOException("Redis closed the connection");
            }

            _filled += got;
        }
    }

    private static int Ascii(byte[] buffer, int at, string text) => at + Encoding.ASCII.GetBytes(text, buffer.AsSpan(at));
}

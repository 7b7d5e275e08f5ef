using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Sip;

namespace Interop.Tests.Raw;

/// <summary>
/// A SIP end on loopback that sends bytes exactly as a test wrote them and parses what comes back, over UDP or TCP:
/// the torture messages must reach the node byte for byte, which a peer that builds its messages cannot promise.
/// A listening end answers on the last datagram's sender or the first accepted connection.
/// </summary>
public sealed class RawSipEnd : IAsyncDisposable
{
    private static readonly SipParser Parser = new();

    private readonly Socket _socket;
    private readonly bool _tcp;
    private readonly Channel<SipMessage> _received = Channel.CreateUnbounded<SipMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Socket> _connection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;
    private EndPoint? _lastSender;

    private RawSipEnd(Socket socket, bool tcp, bool listening)
    {
        _socket = socket;
        _tcp = tcp;
        _reading = !tcp ? ReadDatagramsAsync() : listening ? AcceptAsync() : ReadStreamAsync(socket);
        if (tcp && !listening)
        {
            _connection.SetResult(socket);
        }
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>A listening end on a free loopback port: the node's next hop.</summary>
    public static RawSipEnd Listen(string transport)
    {
        var tcp = transport == "tcp";
        var socket = new Socket(AddressFamily.InterNetwork, tcp ? SocketType.Stream : SocketType.Dgram, tcp ? ProtocolType.Tcp : ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (tcp)
        {
            socket.Listen();
        }

        return new RawSipEnd(socket, tcp, listening: true);
    }

    /// <summary>A sending end: over TCP connected to <paramref name="node"/>, over UDP bound to a free port.</summary>
    public static async Task<RawSipEnd> ConnectAsync(string transport, IPEndPoint node)
    {
        var tcp = transport == "tcp";
        var socket = new Socket(AddressFamily.InterNetwork, tcp ? SocketType.Stream : SocketType.Dgram, tcp ? ProtocolType.Tcp : ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (tcp)
        {
            await socket.ConnectAsync(node);
        }

        return new RawSipEnd(socket, tcp, listening: false);
    }

    /// <summary>Sends <paramref name="bytes"/> to <paramref name="to"/> (UDP), on the connection (TCP), or, with no address, back to the last sender.</summary>
    public async Task SendAsync(byte[] bytes, IPEndPoint? to = null)
    {
        if (_tcp)
        {
            var connection = await _connection.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await connection.SendAsync(bytes, SocketFlags.None);
            return;
        }

        await _socket.SendToAsync(bytes, SocketFlags.None, to ?? _lastSender ?? throw new InvalidOperationException("nothing has arrived to answer"));
    }

    /// <summary>The next message that matches, skipping others; null when none comes within <paramref name="within"/>.</summary>
    public async Task<T?> NextAsync<T>(Func<T, bool> match, TimeSpan within)
        where T : SipMessage
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                if (await _received.Reader.ReadAsync(timeout.Token) is T message && match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task ReadDatagramsAsync()
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                _lastSender = result.RemoteEndPoint;
                if (Parser.Parse(buffer.AsSpan(0, result.ReceivedBytes), datagram: true) is { Status: SipParseStatus.Complete, Message: { } message })
                {
                    _received.Writer.TryWrite(message);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed by the test.
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            var connection = await _socket.AcceptAsync(_stop.Token);
            _connection.SetResult(connection);
            await ReadStreamAsync(connection);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed by the test.
        }
    }

    private async Task ReadStreamAsync(Socket connection)
    {
        var pending = new List<byte>();
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                pending.AddRange(buffer.AsSpan(0, read));
                while (pending.Count > 0)
                {
                    var result = Parser.Parse(pending.ToArray(), datagram: false);
                    if (result.Status == SipParseStatus.Incomplete && result.Consumed == 0)
                    {
                        break;
                    }

                    if (result.Message is { } message && result.Status == SipParseStatus.Complete)
                    {
                        _received.Writer.TryWrite(message);
                    }

                    pending.RemoveRange(0, Math.Max(result.Consumed, 1));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed by the test.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_connection.Task.IsCompletedSuccessfully && _connection.Task.Result != _socket)
        {
            _connection.Task.Result.Dispose();
        }

        _socket.Dispose();
        await _reading;
        _stop.Dispose();
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18). Messages are framed by Content-Length, pipelined and split messages are handled,
/// CRLF keep-alives are absorbed (a CRLFCRLF ping gets a CRLF pong, RFC 5626 §4.4.1). Responses go back over the
/// connection the request came on, which is found by the peer's address; a message to a peer with no connection
/// opens one. Connections idle past <see cref="TcpTransportOptions.IdleTimeout"/> and connections that send what
/// cannot be framed are closed, so none is leaked.
/// </summary>
/// <remarks>
/// Accepting and each connection's reads run on threads of their own with blocking calls, and messages are handled
/// inline there (see <see cref="TcpConnection"/>): a thread per connection suits a node whose peers are trunks and
/// proxies holding few connections each, and is bounded by <see cref="TcpTransportOptions.MaxConnections"/>.
/// </remarks>
public sealed class TcpSipTransport : ISipTransport
{
    private readonly Socket _listener;
    private readonly SipParser _parser;
    private readonly TcpTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _acceptEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<IPEndPoint, TcpConnection> _connections = new();
    private readonly ConcurrentDictionary<IPEndPoint, object> _connecting = new();

    // Accepted connections by the peer's address, for the per-source bound; outbound ones are this node's own choice.
    private readonly ConcurrentDictionary<IPAddress, int> _perSource = new();
    private long _refused;
    private long _pingsOnlyClosed;
    private Func<InboundMessage, ValueTask>? _handler;
    private ITimer? _idleSweep;
    private int _disposed;

    public TcpSipTransport(IPEndPoint bindTo, TcpTransportOptions? options = null, SipParser? parser = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _options = options ?? TcpTransportOptions.Default;
        _parser = parser ?? new SipParser();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _listener = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(bindTo);
        _listener.Listen(1024);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <summary>As <see cref="UdpSipTransport.DefersAckStamping"/>: ACKs reach the handler unstamped, for it to stamp if it passes one on.</summary>
    public bool DefersAckStamping { get; init; }

    public string Protocol => "TCP";

    public TransportProtocol Kind => TransportProtocol.Tcp;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections, inbound and outbound.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Connections refused at accept, by the total or the per-source bound.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>Connections closed for carrying keep-alives alone past <see cref="TcpTransportOptions.KeepAliveOnlyTimeout"/>.</summary>
    public long KeepAliveOnlyClosed => Interlocked.Read(ref _pingsOnlyClosed);

    /// <summary>Messages the parser rejected, for metrics and evidence; the message is released when the handlers return, so read it there.</summary>
    public event Action<SipParseResult, IPEndPoint>? Rejected;

    public void Start(Func<InboundMessage, ValueTask> handler)
    {
        if (_handler is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        _handler = handler;
        var sweep = (_options.IdleTimeout < _options.KeepAliveOnlyTimeout ? _options.IdleTimeout : _options.KeepAliveOnlyTimeout) / 4;
        _idleSweep = _time.CreateTimer(_ => CloseIdle(), null, sweep, sweep);
        new Thread(AcceptLoop) { IsBackground = true, Name = $"sip-tcp-accept-{LocalEndPoint.Port}" }.Start();
    }

    public ValueTask SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        if (Existing(remote) is not { } connection)
        {
            return SendBytesAsync(message.ToBytes(), remote, cancellationToken);
        }

        var lease = ArrayPool<byte>.Shared.Rent(message.EncodedLength());
        try
        {
            connection.Send(lease.AsSpan(0, message.Encode(lease)));
            return ValueTask.CompletedTask;
        }
        catch (SipTransportException ex)
        {
            return ValueTask.FromException(ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(lease);
        }
    }

    /// <summary>
    /// Sends bytes on the connection to <paramref name="remote"/>: at once on the caller's thread when it is open,
    /// otherwise a connection is opened off the caller's thread (a connect can take up to the connect timeout).
    /// </summary>
    public ValueTask SendBytesAsync(ReadOnlyMemory<byte> bytes, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        if (Existing(remote) is { } connection)
        {
            try
            {
                connection.Send(bytes.Span);
                return ValueTask.CompletedTask;
            }
            catch (SipTransportException ex)
            {
                return ValueTask.FromException(ex);
            }
        }

        return new ValueTask(Task.Run(() => ConnectAndSend(bytes, remote), cancellationToken));
    }

    private TcpConnection? Existing(IPEndPoint remote) =>
        _connections.TryGetValue(remote, out var existing) && !existing.IsClosed ? existing : null;

    private void ConnectAndSend(ReadOnlyMemory<byte> bytes, IPEndPoint remote)
    {
        // One connect per peer at a time: a burst of requests to a peer not yet connected shares one connection
        // instead of opening several that replace one another (and lose what arrives on the replaced ones).
        var gate = _connecting.GetOrAdd(remote, static _ => new object());
        TcpConnection connection;
        try
        {
            lock (gate)
            {
                connection = Existing(remote) ?? Connect(remote);
            }
        }
        finally
        {
            // Whoever arrives later finds the connection (or connects afresh after a failure): the gate can go.
            _connecting.TryRemove(new KeyValuePair<IPEndPoint, object>(remote, gate));
        }

        connection.Send(bytes.Span);
    }

    /// <summary>
    /// Connects with a plain blocking connect, bounded by closing the socket when the connect timeout passes. The
    /// socket must never be switched to non-blocking (not even for a polled connect): on Linux, .NET keeps such a socket
    /// non-blocking for good and emulates every later blocking call on its event loop, which brings back the thread
    /// switches the connection's own read thread is there to avoid.
    /// </summary>
    private TcpConnection Connect(IPEndPoint remote)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new SipTransportException($"TCP connect to {remote} abandoned: the transport is stopping.");
        }

        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var timedOut = false;
        using (_time.CreateTimer(_ => { timedOut = true; socket.Dispose(); }, null, _options.ConnectTimeout, Timeout.InfiniteTimeSpan))
        {
            try
            {
                socket.Connect(remote);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                socket.Dispose();
                var problem = timedOut ? $"no answer within {_options.ConnectTimeout.TotalSeconds:0.#} s" : ex.Message;
                throw new SipTransportException($"TCP connect to {remote} failed: {problem}", ex);
            }
        }

        if (timedOut)
        {
            throw new SipTransportException($"TCP connect to {remote} failed: no answer within {_options.ConnectTimeout.TotalSeconds:0.#} s");
        }

        return Adopt(socket, remote);
    }

    private TcpConnection Adopt(Socket socket, IPEndPoint remote, bool accepted = false)
    {
        var connection = new TcpConnection(socket, remote, _time, _options.SendTimeout);
        _connections.AddOrUpdate(remote, connection, (_, previous) =>
        {
            previous.Close();
            return connection;
        });
        connection.Start(
            _parser,
            (message, receivedAt) => OnMessage(message, receivedAt, connection),
            result => OnRejected(result, connection),
            () =>
            {
                _connections.TryRemove(new KeyValuePair<IPEndPoint, TcpConnection>(connection.Remote, connection));
                if (accepted)
                {
                    Left(remote.Address);
                }
            });
        return connection;
    }

    private void AcceptLoop()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                if (Volatile.Read(ref _disposed) != 0)
                {
                    break;
                }

                _logger.LogDebug(ex, "TCP accept failed");
                continue;
            }

            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            if (_connections.Count >= _options.MaxConnections)
            {
                Refuse(socket, remote, $"{_connections.Count} connections are open");
                continue;
            }

            var fromSource = _perSource.AddOrUpdate(remote.Address, 1, static (_, count) => count + 1);
            if (fromSource > _options.MaxConnectionsPerSource)
            {
                Left(remote.Address);
                Refuse(socket, remote, $"{fromSource - 1} connections from that address are open");
                continue;
            }

            socket.NoDelay = true;
            Adopt(socket, remote, accepted: true);
        }

        _acceptEnded.TrySetResult();
    }

    private void Refuse(Socket socket, IPEndPoint remote, string reason)
    {
        // Counted, and logged once per hundred: a flood of refusals must not become a flood of log lines.
        if (Interlocked.Increment(ref _refused) % 100 == 1)
        {
            _logger.LogWarning("Refused a TCP connection from {Remote}: {Reason} ({Refused} refused so far)", remote, reason, RefusedConnections);
        }

        socket.Dispose();
    }

    /// <summary>An accepted connection from <paramref name="address"/> ended (or was refused): its count goes down, and away at zero.</summary>
    private void Left(IPAddress address)
    {
        if (_perSource.AddOrUpdate(address, 0, static (_, count) => count - 1) <= 0)
        {
            _perSource.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }

    private void OnMessage(SipMessage message, long receivedAt, TcpConnection connection) =>
        InlineHandler.Run(_handler!, new InboundMessage(message, connection.Remote, this)
        {
            ReceivedAt = receivedAt,
            ViaStamped = InlineHandler.StampsOnReceipt(message, DefersAckStamping),
        }, _logger);

    private void OnRejected(SipParseResult result, TcpConnection connection)
    {
        _logger.LogInformation("Rejected a message from {Remote} and closed the connection: {Error} ({Detail})", connection.Remote, result.Error, result.Detail);
        Rejected?.Invoke(result, connection.Remote);
        if (result.Message is SipRequest request && request.TopVia is not null)
        {
            ViaStamping.StampReceived(request, connection.Remote);
        }

        try
        {
            if (RejectionResponses.For(result, _parser) is { } response)
            {
                connection.Send(response.ToBytes());
            }
        }
        finally
        {
            // A rejected message goes no further than its answer: its buffer goes back to the pool.
            result.Message?.Release();
        }
    }

    private void CloseIdle()
    {
        var now = _time.GetUtcNow();
        var cutoff = now - _options.IdleTimeout;
        var pingsOnly = now - _options.KeepAliveOnlyTimeout;
        foreach (var (_, connection) in _connections)
        {
            if (connection.LastActivity < cutoff)
            {
                _logger.LogDebug("Closing TCP connection to {Remote}: idle since {Since}", connection.Remote, connection.LastActivity);
                connection.Close();
            }
            else if (connection.LastMessage < pingsOnly)
            {
                if (connection.TryClose())
                {
                    _logger.LogDebug("Closed TCP connection to {Remote}: only keep-alives since {Since}", connection.Remote, connection.LastMessage);
                    Interlocked.Increment(ref _pingsOnlyClosed);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_idleSweep is not null)
        {
            await _idleSweep.DisposeAsync();
        }

        // Closing the listener wakes the accept thread blocked in accept; it then sees the stop flag.
        _listener.Dispose();
        if (_handler is not null)
        {
            await _acceptEnded.Task;
        }

        var running = new List<Task>();
        foreach (var (_, connection) in _connections)
        {
            connection.Close();
            running.Add(connection.Running);
        }

        await Task.WhenAll(running);
    }
}

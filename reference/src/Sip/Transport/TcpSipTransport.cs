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
public sealed class TcpSipTransport : ISipTransport
{
    private readonly Socket _listener;
    private readonly SipParser _parser;
    private readonly TcpTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<IPEndPoint, TcpConnection> _connections = new();
    private Func<InboundMessage, ValueTask>? _handler;
    private Task? _acceptLoop;
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

    public string Protocol => "TCP";

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections, inbound and outbound.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Messages the parser rejected, for metrics and evidence; the message is released when the handlers return, so read it there.</summary>
    public event Action<SipParseResult, IPEndPoint>? Rejected;

    public void Start(Func<InboundMessage, ValueTask> handler)
    {
        if (_handler is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        _handler = handler;
        var sweep = _options.IdleTimeout / 4;
        _idleSweep = _time.CreateTimer(_ => CloseIdle(), null, sweep, sweep);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public async ValueTask SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken = default) =>
        await SendBytesAsync(message.ToBytes(), remote, cancellationToken);

    /// <summary>Sends bytes on the connection to <paramref name="remote"/>, opening one if there is none.</summary>
    public async ValueTask SendBytesAsync(ReadOnlyMemory<byte> bytes, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        var connection = _connections.TryGetValue(remote, out var existing) && !existing.IsClosed
            ? existing
            : await ConnectAsync(remote, cancellationToken);
        await connection.SendAsync(bytes, cancellationToken);
    }

    private async Task<TcpConnection> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(remote, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new SipTransportException($"TCP connect to {remote} failed: {ex.Message}", ex);
        }

        return Adopt(socket, remote);
    }

    private TcpConnection Adopt(Socket socket, IPEndPoint remote)
    {
        var connection = new TcpConnection(socket, remote, _time);
        _connections.AddOrUpdate(remote, connection, (_, previous) =>
        {
            previous.Close();
            return connection;
        });
        connection.Running = Task.Run(() => RunAsync(connection));
        return connection;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                _logger.LogDebug(ex, "TCP accept failed");
                continue;
            }

            if (_connections.Count >= _options.MaxConnections)
            {
                _logger.LogWarning("Refused a TCP connection from {Remote}: {Count} connections are open", socket.RemoteEndPoint, _connections.Count);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            Adopt(socket, (IPEndPoint)socket.RemoteEndPoint!);
        }
    }

    private async Task RunAsync(TcpConnection connection)
    {
        try
        {
            await connection.ReadLoopAsync(_parser, (message, receivedAt) => OnMessageAsync(message, receivedAt, connection), result => OnRejectedAsync(result, connection), _stopping.Token);
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, TcpConnection>(connection.Remote, connection));
            connection.Dispose();
        }
    }

    private async ValueTask OnMessageAsync(SipMessage message, long receivedAt, TcpConnection connection)
    {
        if (message is SipRequest request)
        {
            ViaStamping.StampReceived(request, connection.Remote);
        }

        try
        {
            await _handler!(new InboundMessage(message, connection.Remote, this) { ReceivedAt = receivedAt });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Handling a message from {Remote} failed", connection.Remote);
        }
    }

    private async ValueTask OnRejectedAsync(SipParseResult result, TcpConnection connection)
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
                await connection.SendAsync(response.ToBytes(), _stopping.Token);
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
        var cutoff = _time.GetUtcNow() - _options.IdleTimeout;
        foreach (var (_, connection) in _connections)
        {
            if (connection.LastActivity < cutoff)
            {
                _logger.LogDebug("Closing TCP connection to {Remote}: idle since {Since}", connection.Remote, connection.LastActivity);
                connection.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_idleSweep is not null)
        {
            await _idleSweep.DisposeAsync();
        }

        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }

        var running = new List<Task>();
        foreach (var (_, connection) in _connections)
        {
            connection.Close();
            running.Add(connection.Running);
        }

        await Task.WhenAll(running);
        _stopping.Dispose();
    }
}

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
public sealed class UdpSipTransport : ISipTransport
{
    private readonly Socket _socket;
    private readonly SipParser _parser;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _receiveLoop;

    public UdpSipTransport(IPEndPoint bindTo, SipParser? parser = null, ILogger? logger = null, int receiveBufferBytes = 4 * 1024 * 1024)
    {
        _parser = parser ?? new SipParser();
        _logger = logger ?? NullLogger.Instance;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = receiveBufferBytes;
        _socket.Bind(bindTo);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public string Protocol => "UDP";

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Messages the parser rejected, for metrics and evidence; the message is released when the handlers return, so read it there.</summary>
    public event Action<SipParseResult, IPEndPoint>? Rejected;

    public void Start(Func<InboundMessage, ValueTask> handler)
    {
        if (_receiveLoop is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        _receiveLoop = Task.Run(() => ReceiveLoopAsync(handler));
    }

    public ValueTask SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken = default) =>
        SendBytesAsync(message.ToBytes(), remote, cancellationToken);

    /// <summary>Sends bytes as they are: for forwarding verbatim and for tests that must send what is not SIP.</summary>
    public async ValueTask SendBytesAsync(ReadOnlyMemory<byte> bytes, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        try
        {
            await _socket.SendToAsync(bytes, SocketFlags.None, remote, cancellationToken);
        }
        catch (SocketException ex)
        {
            // UDP send failures (ICMP unreachable reported late, buffer full) are a lost datagram, as on the wire.
            _logger.LogDebug(ex, "UDP send to {Remote} failed", remote);
        }
    }

    private async Task ReceiveLoopAsync(Func<InboundMessage, ValueTask> handler)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(65_536);
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
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

            var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            var remote = (IPEndPoint)received.RemoteEndPoint;
            var result = _parser.Parse(buffer.AsSpan(0, received.ReceivedBytes), datagram: true);
            try
            {
                if (result.Status == SipParseStatus.Complete)
                {
                    if (result.Message is SipRequest request)
                    {
                        ViaStamping.StampReceived(request, remote);
                    }

                    await handler(new InboundMessage(result.Message!, remote, this) { ReceivedAt = receivedAt });
                }
                else
                {
                    await OnRejectedAsync(result, remote);
                }
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Handling a message from {Remote} failed", remote);
            }
        }
    }

    private async ValueTask OnRejectedAsync(SipParseResult result, IPEndPoint remote)
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
                await SendAsync(response, remote);
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
        await _stopping.CancelAsync();
        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop;
        }

        _stopping.Dispose();
    }
}

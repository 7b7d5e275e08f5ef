using System.Buffers;
using System.Net;
using Sip.Proxy;
using Sip.Transport;

namespace Sip.Benchmarks;

/// <summary>Hands bytes to a proxy as the node's receive loop does: parsed, a request's Via stamped, then to the proxy.</summary>
internal static class ReceiveLoop
{
    public static void Deliver(SipParser parser, StatefulProxy proxy, ProxyLeg leg, ISipTransport transport, ReadOnlySpan<byte> bytes, IPEndPoint from)
    {
        var message = parser.Parse(bytes, datagram: false).Message!;
        if (message is SipRequest request)
        {
            ViaStamping.StampReceived(request, from);
        }

        _ = proxy.OnMessageAsync(leg, new InboundMessage(message, from, transport));
    }
}

/// <summary>A policy that decides every request the same way and ignores what the proxy tells it afterwards.</summary>
internal sealed class FixedPolicy(Func<SipRequest, ProxyDecision> decide) : IProxyPolicy
{
    public ProxyDecision OnRequest(SipRequest request, InboundMessage inbound, ProxyLeg leg) => decide(request);

    public bool IsNeverShed(SipRequest invite) => false;

    public void OnCancel(SipRequest cancel)
    {
    }

    public void OnAnswered(SipRequest request, SipResponse response, InboundMessage inbound)
    {
    }

    public void OnForwarded(SipRequest request, InboundMessage inbound)
    {
    }

    public void OnResponseRelayed(SipResponse response)
    {
    }
}

/// <summary>
/// Serializes what it is given, as a socket transport does, and keeps the bytes of the last request it sent (what a
/// callee would answer). Connection-oriented by default, so that transactions end with their call; as UDP, a rejected
/// call's transaction is kept as a wire copy and lingers in the proxy's lean tables for timer I, as on the node's socket.
/// </summary>
internal sealed class SerializingTransport(IPEndPoint local, TransportProtocol kind = TransportProtocol.Tcp) : ISipTransport
{
    private readonly ArrayBufferWriter<byte> _wire = new(4096);
    private readonly byte[] _lastRequest = new byte[4096];
    private int _lastRequestLength;

    public string Protocol => kind == TransportProtocol.Udp ? "UDP" : "TCP";

    public TransportProtocol Kind => kind;

    public IPEndPoint LocalEndPoint { get; } = local;

    public ReadOnlySpan<byte> LastRequest => _lastRequest.AsSpan(0, _lastRequestLength);

    // As the UDP transport: the bytes are written out before a send returns, and the message is not kept.
    public bool CopiesOnSend => true;

    public ValueTask SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        _wire.ResetWrittenCount();
        message.WriteTo(_wire);
        if (message is SipRequest)
        {
            _wire.WrittenSpan.CopyTo(_lastRequest);
            _lastRequestLength = _wire.WrittenCount;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

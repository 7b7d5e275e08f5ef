using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sip.Proxy;
using Sip.Transport;

namespace Sip.Benchmarks;

/// <summary>
/// ns/op and bytes allocated for one intercepted call through the stateful proxy, as the node's receive loop runs it:
/// parse the INVITE, open its server transaction, answer 603, serialize it, parse the ACK, end the transaction.
/// Over a connection-oriented transport, so the transaction ends at the ACK and no timers pile up between operations;
/// <see cref="InterceptedCallOverUdp"/> runs the node's UDP path: the 603 kept as a wire copy on timers G and H until
/// the ACK, then its key and bytes in the lean table for timer I. That one runs on the system clock, so its tables grow
/// the whole run (nothing expires within it); <see cref="InterceptedCallOverUdpAtSteadyRate"/> runs on a clock stepped
/// 250 µs a call, as at 4,000 calls/s, so that they expire as they come, as on a node in steady state.
/// </summary>
[MemoryDiagnoser]
public class ProxyBenchmarks
{
    private static readonly IPEndPoint Caller = new(IPAddress.Loopback, 40000);
    private readonly SipParser _parser = new(SipParserOptions.Proxy);
    private readonly NumberedMessage _invite = new(TypicalInvite.Bytes);
    private NumberedMessage _ack = null!;
    private SerializingTransport _transport = null!;
    private StatefulProxy _proxy = null!;
    private ProxyLeg _leg = null!;
    private SerializingTransport _udpTransport = null!;
    private StatefulProxy _udpProxy = null!;
    private ProxyLeg _udpLeg = null!;
    private readonly SteppedClock _clock = new();
    private StatefulProxy _steadyProxy = null!;
    private long _call;

    [GlobalSetup]
    public void Setup()
    {
        _transport = new SerializingTransport(new IPEndPoint(IPAddress.Loopback, 5064));
        _leg = new ProxyLeg(_transport, _transport);
        // Every INVITE answered 603, as the screening node answers an intercepted call.
        _proxy = new StatefulProxy(new ProxyOptions(new IPEndPoint(IPAddress.Loopback, 5070)), new FixedPolicy(static request => ProxyDecision.Answer(SipResponse.For(request, 603, "Decline", toTag: "603tag"))));
        _proxy.Listen(_leg);
        _udpTransport = new SerializingTransport(new IPEndPoint(IPAddress.Loopback, 5064), TransportProtocol.Udp);
        _udpLeg = new ProxyLeg(_udpTransport, _udpTransport);
        _udpProxy = new StatefulProxy(new ProxyOptions(new IPEndPoint(IPAddress.Loopback, 5070)), new FixedPolicy(static request => ProxyDecision.Answer(SipResponse.For(request, 603, "Decline", toTag: "603tag"))));
        _udpProxy.Listen(_udpLeg);
        _steadyProxy = new StatefulProxy(new ProxyOptions(new IPEndPoint(IPAddress.Loopback, 5070)), new FixedPolicy(static request => ProxyDecision.Answer(SipResponse.For(request, 603, "Decline", toTag: "603tag"))), _clock);
        _steadyProxy.Listen(_udpLeg);

        // The ACK for the 603: the INVITE's branch, Call-ID and From; the 603's To tag (any tag matches the transaction).
        var ack = Encoding.ASCII.GetString(TypicalInvite.Bytes);
        ack = ack[..ack.IndexOf("\r\n\r\n", StringComparison.Ordinal)]
            .Replace("INVITE sip:", "ACK sip:", StringComparison.Ordinal)
            .Replace("CSeq: 1 INVITE", "CSeq: 1 ACK", StringComparison.Ordinal)
            .Replace("Content-Length: 235", "Content-Length: 0", StringComparison.Ordinal)
            .Replace("To: <sip:13812345678@198.51.100.10;user=phone>", "To: <sip:13812345678@198.51.100.10;user=phone>;tag=603tag", StringComparison.Ordinal);
        _ack = new NumberedMessage(Encoding.ASCII.GetBytes(ack + "\r\n\r\n"));
        if (InterceptedCall() != 0 || InterceptedCallOverUdp() != 0 || InterceptedCallOverUdpAtSteadyRate() != 0)
        {
            throw new InvalidOperationException("The benchmark call left a server transaction behind: the ACK did not match the INVITE.");
        }
    }

    [Benchmark]
    public int InterceptedCall()
    {
        _call++;
        Deliver(_invite.Numbered(_call));
        Deliver(_ack.Numbered(_call));
        return _proxy.ServerTransactions;
    }

    [Benchmark]
    public int InterceptedCallOverUdp()
    {
        _call++;
        ReceiveLoop.Deliver(_parser, _udpProxy, _udpLeg, _udpTransport, _invite.Numbered(_call), Caller);
        ReceiveLoop.Deliver(_parser, _udpProxy, _udpLeg, _udpTransport, _ack.Numbered(_call), Caller);
        return _udpProxy.ServerTransactions;
    }

    [Benchmark]
    public int InterceptedCallOverUdpAtSteadyRate()
    {
        _call++;
        _clock.Advance(CallGap);
        ReceiveLoop.Deliver(_parser, _steadyProxy, _udpLeg, _udpTransport, _invite.Numbered(_call), Caller);
        ReceiveLoop.Deliver(_parser, _steadyProxy, _udpLeg, _udpTransport, _ack.Numbered(_call), Caller);
        return _steadyProxy.ServerTransactions;
    }

    /// <summary>Rejections acknowledged and lingering for timer I (T4) in the steady proxy: T4 × 4,000 once it is steady.</summary>
    public int SteadyLingering => _steadyProxy.ConfirmedInvites;

    // 4,000 calls a second.
    private static readonly TimeSpan CallGap = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 4_000);

    private void Deliver(ReadOnlySpan<byte> bytes) => ReceiveLoop.Deliver(_parser, _proxy, _leg, _transport, bytes, Caller);
}

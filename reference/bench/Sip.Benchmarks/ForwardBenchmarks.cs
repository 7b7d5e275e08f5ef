using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sip.Proxy;
using Sip.Transport;

namespace Sip.Benchmarks;

/// <summary>
/// ns/op and bytes allocated for one forwarded call through the stateful proxy, every message as the node's receive
/// loop handles it (parse, stamp, hand to the proxy) and every message the proxy sends serialized: the caller's INVITE
/// (forwarded, 100 back), the callee's 180 and 200 (relayed), the caller's ACK (forwarded without state), BYE
/// (forwarded) and its 200 (relayed). The callee's answers are written from the bytes the proxy forwarded, as a UAS
/// copies Via, From, To, Call-ID and CSeq; that copying is part of each operation. Over a connection-oriented
/// transport, so every transaction ends with its call and no timers pile up between operations; what lingers over
/// UDP (timers I, J, K, L) is left to the load script.
/// </summary>
[MemoryDiagnoser]
public class ForwardBenchmarks
{
    private static readonly IPEndPoint Caller = new(IPAddress.Loopback, 40000);
    private static readonly IPEndPoint Callee = new(IPAddress.Loopback, 5070);
    private readonly SipParser _parser = new(SipParserOptions.Proxy);
    private readonly NumberedMessage _invite = new(TypicalInvite.Bytes);
    private readonly byte[] _answer = new byte[4096];
    private NumberedMessage _ack = null!;
    private NumberedMessage _bye = null!;
    private SerializingTransport _transport = null!;
    private StatefulProxy _proxy = null!;
    private ProxyLeg _leg = null!;
    private long _call;

    [GlobalSetup]
    public void Setup()
    {
        _transport = new SerializingTransport(new IPEndPoint(IPAddress.Loopback, 5064));
        _leg = new ProxyLeg(_transport, _transport);
        _proxy = new StatefulProxy(new ProxyOptions(Callee) { NextHopProtocol = TransportProtocol.Tcp, RecordRoute = true }, new FixedPolicy(static _ => ProxyDecision.Forward));
        _proxy.Listen(_leg);
        _ack = new NumberedMessage(InDialog("ACK", 1));
        _bye = new NumberedMessage(InDialog("BYE", 2));
        if (ForwardedCall() != 0)
        {
            throw new InvalidOperationException("The benchmark call left a transaction behind: a response or request did not match.");
        }
    }

    [Benchmark]
    public int ForwardedCall()
    {
        _call++;
        Deliver(_invite.Numbered(_call), Caller);
        var invite = _transport.LastRequest;
        Deliver(Answer(invite, "180 Ringing"), Callee);
        Deliver(Answer(invite, "200 OK"), Callee);
        Deliver(_ack.Numbered(_call), Caller);
        Deliver(_bye.Numbered(_call), Caller);
        Deliver(Answer(_transport.LastRequest, "200 OK"), Callee);
        return _proxy.ServerTransactions + _proxy.ClientTransactions;
    }

    private void Deliver(ReadOnlySpan<byte> bytes, IPEndPoint from) => ReceiveLoop.Deliver(_parser, _proxy, _leg, _transport, bytes, from);

    /// <summary>The callee's response to a forwarded request: its Via, From, To (tagged), Call-ID and CSeq lines as they came.</summary>
    private ReadOnlySpan<byte> Answer(ReadOnlySpan<byte> request, string status)
    {
        var at = Put(0, "SIP/2.0 "u8);
        at += Encoding.ASCII.GetBytes(status, _answer.AsSpan(at));
        at += Put(at, "\r\n"u8);
        var head = request[..request.IndexOf("\r\n\r\n"u8)];
        var line = head[(head.IndexOf("\r\n"u8) + 2)..];
        while (!line.IsEmpty)
        {
            var end = line.IndexOf("\r\n"u8);
            var field = end < 0 ? line : line[..end];
            if (field.StartsWith("Via:"u8) || field.StartsWith("From:"u8) || field.StartsWith("Call-ID:"u8) || field.StartsWith("CSeq:"u8))
            {
                at += Put(at, field);
                at += Put(at, "\r\n"u8);
            }
            else if (field.StartsWith("To:"u8))
            {
                at += Put(at, field);
                at += Put(at, field.IndexOf(";tag="u8) < 0 ? ";tag=callee\r\n"u8 : "\r\n"u8);
            }

            line = end < 0 ? default : line[(end + 2)..];
        }

        at += Put(at, "Content-Length: 0\r\n\r\n"u8);
        return _answer.AsSpan(0, at);
    }

    private int Put(int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_answer.AsSpan(at));
        return bytes.Length;
    }

    /// <summary>The caller's ACK or BYE in the dialog the callee's 200 made (its To tag).</summary>
    private static byte[] InDialog(string method, int sequence) => Encoding.ASCII.GetBytes(
        $"{method} sip:13812345678@127.0.0.1:5070 SIP/2.0\r\n" +
        $"Via: SIP/2.0/TCP 203.0.113.25:5060;branch=z9hG4bK-{method.ToLowerInvariant()}\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:13812345678@198.51.100.10;user=phone>;tag=callee\r\n" +
        "From: \"Caller\" <sip:02088881234@203.0.113.25;user=phone>;tag=4f8c2a1d\r\n" +
        "Call-ID: 9a7c3e1f2b4d6a8c0e2f4a6c8e0a2c4e@203.0.113.25\r\n" +
        $"CSeq: {sequence} {method}\r\n" +
        "Content-Length: 0\r\n\r\n");
}

using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sip.Proxy;
using Sip.Tests.Transactions;
using Sip.Transport;

namespace Sip.Tests.Proxy;

/// <summary>
/// A proxy on in-memory transports and a fake clock, between a caller at 127.0.0.1:40000 (the address in
/// <see cref="SipMessages.Invite"/>) and a next hop at 127.0.0.1:5070.
/// </summary>
internal sealed class ProxyRig
{
    public static readonly IPEndPoint Caller = new(IPAddress.Loopback, 40000);
    public static readonly IPEndPoint NextHop = new(IPAddress.Loopback, 5070);
    public static readonly IPEndPoint Local = new(IPAddress.Loopback, 5064);

    public ProxyRig(Func<ProxyOptions, ProxyOptions>? configure = null, bool nextHopOverTcp = false)
    {
        // 100 Trying at once unless a test asks for it later: most tests read it as the first answer to the caller.
        var options = new ProxyOptions(NextHop) { NextHopProtocol = nextHopOverTcp ? TransportProtocol.Tcp : TransportProtocol.Udp, TryingAfter = TimeSpan.Zero };
        Proxy = new StatefulProxy(configure?.Invoke(options) ?? options, Policy, Time);
        Leg = new ProxyLeg(Udp, Tcp);
        Proxy.Listen(Leg);
    }

    public FakeTimeProvider Time { get; } = new();

    public FakeTransport Udp { get; } = new("UDP", Local);

    public FakeTransport Tcp { get; } = new("TCP", Local);

    public ProxyLeg Leg { get; }

    public RecordingPolicy Policy { get; } = new();

    public StatefulProxy Proxy { get; }

    public IEnumerable<SipMessage> ToCaller => Udp.Sent.Where(s => s.To.Equals(Caller)).Select(s => s.Message);

    public IEnumerable<int> StatusesToCaller => ToCaller.OfType<SipResponse>().Select(r => r.StatusCode);

    public IEnumerable<SipMessage> ToNextHop => Udp.Sent.Concat(Tcp.Sent).Where(s => s.To.Equals(NextHop)).Select(s => s.Message);

    public IEnumerable<SipRequest> RequestsToNextHop(string method) => ToNextHop.OfType<SipRequest>().Where(r => r.Method == method);

    public SipRequest ForwardedInvite => RequestsToNextHop("INVITE").First();

    /// <summary>The pooled buffer of every message handed to the proxy, with what it was, in arrival order.</summary>
    public List<(string What, MessageBuffer Lease)> Leases { get; } = [];

    /// <summary>What was handed to the proxy and whose buffer is not back in the pool.</summary>
    public IEnumerable<string> Unreturned => Leases.Where(l => !l.Lease.IsReturned).Select(l => l.What);

    public static SipRequest Invite(string branch = "z9hG4bK776asdhds") => Wire.Request("INVITE", branch);

    public void FromCaller(SipMessage message) => Receive(message, Caller);

    /// <summary>From the caller through a transport that leaves an ACK's Via for the proxy to stamp (<see cref="InboundMessage.ViaStamped"/>).</summary>
    public void FromCallerUnstamped(SipRequest ack) => Receive(ack, Caller, stamped: false);

    public void FromNextHop(SipMessage message) => Receive(message, NextHop);

    /// <summary>The callee's answer to what the proxy forwarded (the proxy's Via on top, as on the wire).</summary>
    public void Answer(SipRequest forwarded, int status) => FromNextHop(SipResponse.For(forwarded, status, toTag: "callee-tag"));

    /// <summary>Moves the clock in small steps, so timers armed by other timers fire on time.</summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var passed = TimeSpan.Zero; passed < by; passed += step)
        {
            Time.Advance(step);
        }
    }

    /// <summary>A request built from the caller's INVITE: same dialog identifiers, another method, its own branch.</summary>
    public static SipRequest InDialog(SipRequest invite, string method, string toTag, string branch)
    {
        var request = new SipRequest { Method = method, RequestUri = invite.RequestUri };
        request.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:40000;branch={branch};rport");
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, invite.Headers[HeaderNames.From]!);
        request.Headers.Add(HeaderNames.To, invite.Headers[HeaderNames.To] + (toTag.Length > 0 ? ";tag=" + toTag : string.Empty));
        request.Headers.Add(HeaderNames.CallId, invite.CallId!);
        request.Headers.Add(HeaderNames.CSeq, $"{invite.CSeq!.Value.Sequence + (method is "ACK" or "CANCEL" ? 0 : 1)} {method}");
        return request;
    }

    /// <summary>The CANCEL for the caller's INVITE (§9.1: same branch, Request-URI, From, To, Call-ID and CSeq number).</summary>
    public static SipRequest CancelOf(SipRequest invite)
    {
        var cancel = InDialog(invite, "CANCEL", string.Empty, invite.TopVia!.Branch!);
        return cancel;
    }

    /// <summary>The caller's ACK for a non-2xx final response: the INVITE's branch, the response's To.</summary>
    public static SipRequest AckFor(SipRequest invite, SipResponse final)
    {
        var ack = InDialog(invite, "ACK", string.Empty, invite.TopVia!.Branch!);
        ack.Headers.Set(HeaderNames.To, final.Headers[HeaderNames.To]!);
        return ack;
    }

    private void Receive(SipMessage message, IPEndPoint from, bool stamped = true)
    {
        var copy = new SipParser(SipParserOptions.Proxy).Parse(message.ToBytes(), datagram: true).Message!;
        Leases.Add((copy switch
        {
            SipRequest r => r.Method,
            SipResponse r => $"{r.StatusCode} {r.CSeq?.Method}",
            _ => "?",
        }, copy.Headers.Lease!));
        if (copy is SipRequest request && stamped)
        {
            ViaStamping.StampReceived(request, from);
        }

        Proxy.OnMessageAsync(Leg, new InboundMessage(copy, from, Udp) { ViaStamped = stamped }).AsTask().GetAwaiter().GetResult();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Sip.Proxy;
using Sip.Transport;

namespace Sip.Tests.Proxy;

/// <summary>
/// Responses no transaction claims are relayed without state in the order they came (§16.7, §16.11). A 2xx among them
/// may wait at its barrier (a call record) and be released on another thread, where it goes on the wire at once; a 180
/// of the same call relayed just before it from the receive loop is still held in the loop's batch then. The 180 must
/// not be overtaken: the 180 and the 200 are made to arrive in one batch (the loop is kept busy while both are sent),
/// and the barrier releases the 200 on another thread before the loop flushes.
/// </summary>
public sealed class UnmatchedRelayOrderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task AHeld2xxReleasedOnAnotherThreadDoesNotOvertakeThe180RelayedBeforeIt()
    {
        Assume.That(OperatingSystem.IsLinux(), "only the batched loop (recvmmsg/sendmmsg) holds sends back");
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: true);
        var leg = new ProxyLeg(transport, null);
        var proxy = new StatefulProxy(new ProxyOptions(new IPEndPoint(IPAddress.Loopback, 9)), new ReleasingElsewherePolicy());
        proxy.Listen(leg);
        using var busy = new ManualResetEventSlim();
        var first = true;
        transport.Start(message =>
        {
            if (first)
            {
                // The loop is busy with this one while the test sends the 180 and the 200: both wait in one batch.
                first = false;
                busy.Wait(Wait);
                message.Message.Release();
                return ValueTask.CompletedTask;
            }

            return proxy.OnMessageAsync(leg, message);
        });
        using var callee = Client();
        using var caller = Client();
        var callerPort = ((IPEndPoint)caller.LocalEndPoint!).Port;

        // A 100 the loop takes first and holds on to; it goes no further.
        await callee.SendToAsync(Encoding.ASCII.GetBytes(Response(100, transport.LocalEndPoint.Port, callerPort)), transport.LocalEndPoint);
        await Task.Delay(100);
        await callee.SendToAsync(Encoding.ASCII.GetBytes(Response(180, transport.LocalEndPoint.Port, callerPort)), transport.LocalEndPoint);
        await callee.SendToAsync(Encoding.ASCII.GetBytes(Response(200, transport.LocalEndPoint.Port, callerPort)), transport.LocalEndPoint);
        busy.Set();

        var relayed = new[] { await ReceiveAsync(caller), await ReceiveAsync(caller) };

        Assert.That(relayed[0], Does.StartWith("SIP/2.0 180"), "the 180 came first and is relayed first");
        Assert.That(relayed[1], Does.StartWith("SIP/2.0 200"), "the 200 released on the barrier's thread follows it");
    }

    private static string Response(int status, int proxyPort, int callerPort) =>
        $"SIP/2.0 {status} {status switch { 100 => "Trying", 180 => "Ringing", _ => "OK" }}\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{proxyPort};branch=z9hG4bK-unmatched\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{callerPort};branch=z9hG4bK-caller\r\n" +
        "To: <sip:callee@127.0.0.1>;tag=callee\r\n" +
        "From: <sip:caller@127.0.0.1>;tag=caller\r\n" +
        "Call-ID: unmatched-order@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static async Task<string> ReceiveAsync(Socket client)
    {
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(Wait);
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static Socket Client()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>Holds every unmatched 2xx and releases it on another thread before the proxy's handler returns, as a barrier whose record was just written does.</summary>
    private sealed class ReleasingElsewherePolicy : IProxyPolicy, IResponseBarrier
    {
        public ProxyDecision OnRequest(SipRequest request, InboundMessage inbound, ProxyLeg leg) => ProxyDecision.Forward;

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

        public ResponseHold? HoldUnmatched(SipResponse response, ProxyLeg leg) => new ResponseHold(this, 1);

        public bool Passed(long ticket) => false;

        public bool PassOrWait(long ticket, IBarrierWaiter waiter)
        {
            Task.Run(waiter.Release).Wait();
            return false;
        }
    }
}

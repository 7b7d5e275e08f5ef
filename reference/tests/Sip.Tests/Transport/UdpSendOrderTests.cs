using System.Net;
using System.Net.Sockets;
using System.Text;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// A transaction's provisional response, held in the receive loop's batch, and its final response sent meanwhile from
/// another thread (as one released once its call record is written): the final must not be followed by the provisional
/// (RFC 3261 §16.7). The other thread's send is waited for inside the handler, so it always happens before the loop
/// flushes its batch; a request sent afterwards marks the end of what that flush could have sent.
/// </summary>
public sealed class UdpSendOrderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task AFinalResponseSentFromAnotherThreadIsNotFollowedByTheProvisionalTheLoopHeld()
    {
        Assume.That(OperatingSystem.IsLinux(), "only the batched loop (recvmmsg/sendmmsg) holds sends back");
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: true);
        ServerInviteTransaction? invite = null;
        transport.Start(message =>
        {
            var request = (SipRequest)message.Message;
            if (request.Kind != SipMethod.Invite)
            {
                transport.Send(SipResponse.For(request, 486), message.Remote, order: null);
                return ValueTask.CompletedTask;
            }

            ServerInviteTransaction? transaction = null;
            transaction = new ServerInviteTransaction(request, sent => transport.Send(sent, message.Remote, transaction), reliable: false, TimeProvider.System);
            transaction.Start(sendTrying: false);
            transaction.Respond(SipResponse.For(request, 180, toTag: "callee"));

            // The final response leaves from another thread while the 180 is still held in this loop's batch.
            Task.Run(() => transaction.Respond(SipResponse.For(request, 200, toTag: "callee"))).Wait();
            invite = transaction;
            return ValueTask.CompletedTask;
        });
        using var client = Client();

        await client.SendToAsync(Encoding.ASCII.GetBytes(Request("INVITE")), transport.LocalEndPoint);
        var first = await ReceiveAsync(client);
        await client.SendToAsync(Encoding.ASCII.GetBytes(Request("OPTIONS")), transport.LocalEndPoint);
        var next = await ReceiveAsync(client);

        Assert.That(first, Does.StartWith("SIP/2.0 200"), "the final response left first, from the other thread");
        Assert.That(next, Does.StartWith("SIP/2.0 486"), "nothing of the INVITE's transaction followed its final response");
        Assert.That(invite!.Order.HasWithdrawn, Is.True, "the 180 was withdrawn from the loop's batch");
        invite.Dispose();
    }

    [Test]
    public async Task ResponsesSentFromTheLoopAloneLeaveInTheOrderMade()
    {
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: true);
        transport.Start(message =>
        {
            var request = (SipRequest)message.Message;
            ServerInviteTransaction? transaction = null;
            transaction = new ServerInviteTransaction(request, sent => transport.Send(sent, message.Remote, transaction), reliable: false, TimeProvider.System);
            transaction.Start(sendTrying: true);
            transaction.Respond(SipResponse.For(request, 180, toTag: "callee"));
            transaction.Respond(SipResponse.For(request, 200, toTag: "callee"));
            transaction.Dispose();
            return ValueTask.CompletedTask;
        });
        using var client = Client();

        await client.SendToAsync(Encoding.ASCII.GetBytes(Request("INVITE")), transport.LocalEndPoint);

        Assert.That(await ReceiveAsync(client), Does.StartWith("SIP/2.0 100"));
        Assert.That(await ReceiveAsync(client), Does.StartWith("SIP/2.0 180"));
        Assert.That(await ReceiveAsync(client), Does.StartWith("SIP/2.0 200"));
    }

    private static async Task<string> ReceiveAsync(Socket client)
    {
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(Wait);
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static string Request(string method) =>
        $"{method} sip:callee@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK-order-{method}\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:callee@127.0.0.1>\r\n" +
        "From: <sip:caller@127.0.0.1>;tag=order\r\n" +
        $"Call-ID: order-{method}@127.0.0.1\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static Socket Client()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
